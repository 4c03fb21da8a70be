using BankFunctions.Features;
using BankFunctions.Features.Hosting;
using BankFunctions.FunctionApp;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// The Azure Functions isolated worker with ASP.NET Core integration: the same core and the same startup as the
// ASP.NET Core host (storage with the AzureWebJobsStorage fallback, configuration checked at start, tables, queues
// and containers created, the same body limit, W3C trace context); queue and timer semantics come from host.json
// and the Functions runtime itself.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.AddBankFunctionsWorker();

using var host = builder.Build();
// Before the worker takes invocations: a worker whose storage is missing fails here, as the host does at start.
await host.Services.GetRequiredService<StorageInitializer>().StartAsync(CancellationToken.None);
await host.RunAsync();
