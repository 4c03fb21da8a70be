using BankFunctions.Host.Jobs;
using BankFunctions.Host.Setup;

// One image, three ways to run (docs/DEPLOY.md): HTTP + in-app background work, HTTP only (--http-only), or one
// Container Apps job execution (--drain-queue <queue> | --run-timer <function>) that exits when done.
var command = HostCommand.Parse(args);
if (command is not HostCommand.Serve serve)
{
    return await new JobRunner().RunAsync(command);
}

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [.. serve.ConfigurationArgs], ContentRootPath = HostSetup.ContentRoot });
serve.Configure(builder.Configuration);
builder.AddBankFunctionsHost();

var app = builder.Build();
app.UseBankFunctionsHost();
await app.RunAsync();
return 0;

/// <summary>Entry point type, visible to the tests that boot the real host.</summary>
public partial class Program;
