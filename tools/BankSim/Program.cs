using BankSim;

var builder = WebApplication.CreateBuilder(args);
builder.AddBankSim();
var app = builder.Build();
app.UseBankSim();
app.Run();

/// <summary>Entry point type, for tests that boot BankSim in-process.</summary>
public partial class Program;
