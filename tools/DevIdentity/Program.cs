using DevIdentity;

var builder = WebApplication.CreateBuilder(args);
builder.AddDevIdentity();
var app = builder.Build();
app.UseDevIdentity();
app.Run();

/// <summary>Entry point type, for tests that boot DevIdentity in-process.</summary>
public partial class Program;
