using Microsoft.Extensions.Hosting;
using BankFunctions.Storage;

namespace BankFunctions.Features.Hosting;

/// <summary>Creates tables, queues and containers before the host serves anything (idempotent; in Azure, Bicep already did).</summary>
public sealed class StorageInitializer(StorageClients storage) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => storage.EnsureCreatedAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
