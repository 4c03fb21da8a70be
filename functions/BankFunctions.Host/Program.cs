using BankFunctions.Host.Setup;

var builder = WebApplication.CreateBuilder(args);
builder.AddBankFunctionsHost();

var app = builder.Build();
app.UseBankFunctionsHost();
app.Run();

/// <summary>Entry point type, visible to the tests that boot the real host.</summary>
public partial class Program;
