using BankFunctions.Features.AuditTrail;
using BankFunctions.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace BankFunctions.Host.Tests.AuditTrail;

/// <summary>Runs the AuditChain timer's work for one tenant against a host's storage, with the clock past the settling lag.</summary>
internal static class AuditChainHost
{
    public static Task<int> ChainAsync(IServiceProvider services, string tenant, int rowsPerCheckpoint = 1000)
    {
        var options = new AuditChainOptions { RowsPerCheckpoint = rowsPerCheckpoint };
        // Every row written so far is older than the lag on this clock (a real run sees them so after SettlingLag).
        var later = new FakeTimeProvider(DateTimeOffset.UtcNow + options.SettlingLag + TimeSpan.FromMinutes(1));
        return new AuditChainer(services.GetRequiredService<StorageClients>(), services.GetRequiredService<AuditCheckpointStore>(), options, later,
            NullLogger<AuditChainer>.Instance).ChainAsync(tenant, default);
    }
}
