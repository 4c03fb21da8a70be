using Azure.Identity;
using BankFunctions.Storage;
using BankFunctions.Storage.Encryption;
using BankFunctions.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BankFunctions.Features.Hosting;

/// <summary>Storage as both hosts wire it (the ASP.NET Core host and the Azure Functions worker): options, clients, the queue sender.</summary>
public static class StorageSetup
{
    /// <summary>
    /// Reads <c>Storage:*</c>, falling back to <c>AzureWebJobsStorage</c> (the setting the Functions runtime itself
    /// needs) when no connection string or service URIs are set, and fails at start when neither is usable.
    /// </summary>
    public static StorageOptions AddBankStorage(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        if (!options.UsesConnectionString && configuration["AzureWebJobsStorage"] is { Length: > 0 } webJobs)
        {
            options.ConnectionString = webJobs;
        }
        options.Validate();
        services.AddSingleton(options);
        // DefaultAzureCredential picks the user-assigned managed identity from AZURE_CLIENT_ID in Azure.
        var encryption = configuration.GetSection(EncryptionOptions.Section).Get<EncryptionOptions>() ?? new EncryptionOptions();
        services.AddSingleton(encryption);
        services.AddSingleton(sp =>
        {
            var credential = options.UsesConnectionString ? null : new DefaultAzureCredential();
            return new StorageClients(options, credential, encryption: KeyEncryptionKeys.Create(encryption, sp.GetService<TimeProvider>() ?? TimeProvider.System));
        });
        // The ASP.NET Core host registers a QueueWakeup for its in-process queue processors; the worker has none.
        services.AddSingleton<IQueueSender>(sp => new StorageQueueSender(sp.GetRequiredService<StorageClients>(), sp.GetService<QueueWakeup>()));
        return options;
    }
}
