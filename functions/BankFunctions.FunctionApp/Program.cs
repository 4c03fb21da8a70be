using BankFunctions.Features;
using BankFunctions.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// Azure Functions isolated worker with ASP.NET Core integration: the same core (FeatureServices) as the Host;
// queue and timer semantics come from host.json and the Functions runtime itself.
var host = new HostBuilder()
    .ConfigureFunctionsWebApplication()
    .ConfigureServices((context, services) =>
    {
        var storage = context.Configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        services.AddSingleton(storage);
        services.AddSingleton(_ => new StorageClients(storage, storage.UsesConnectionString ? null : new Azure.Identity.DefaultAzureCredential()));
        services.AddSingleton<BankFunctions.Storage.Queues.IQueueSender, BankFunctions.Storage.Queues.StorageQueueSender>();
        services.AddFeatures(context.Configuration);
    })
    .Build();
host.Run();
