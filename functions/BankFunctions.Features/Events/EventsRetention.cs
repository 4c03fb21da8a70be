using Azure.Data.Tables;
using BankFunctions.Features.Runtime;
using BankFunctions.Storage;
using BankFunctions.Storage.Guard;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Events;

/// <summary>
/// Timer events-retention: deletes feed rows older than <see cref="EventOptions.RetentionDays"/>. The feed is in
/// sequence order, which is commit order, so the walk stops at the first event young enough to keep; what stays is
/// still gap-free from its first number on.
/// </summary>
public sealed class EventsRetention(StorageClients storage, EventOptions options, TimeProvider clock) : ITimerHandler
{
    public const string Schedule = "0 15 3 * * *";

    public async Task RunAsync(TimerTick tick, CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow().AddDays(-options.RetentionDays);
        await foreach (var tenant in storage.Table(TableNames.Tenants).QueryAsync<TenantRegistryRow>(
            $"PartitionKey eq '{TenantRegistryRow.Partition}'", select: ["RowKey"], cancellationToken: cancellationToken))
        {
            await PruneAsync(tenant.RowKey, cutoff, cancellationToken);
            await PruneRelayedAsync(tenant.RowKey, cutoff, cancellationToken);
        }
    }

    /// <summary>
    /// Deletes the relay markers (<see cref="EventRelay"/>) of events older than the cutoff: a source row that old was
    /// deleted long ago. Markers are few (one per ingest or balance change), so the walk reads them all.
    /// </summary>
    public async Task<int> PruneRelayedAsync(string tenantId, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var table = storage.Table(TableNames.TenantData);
        var deleted = 0;
        var old = new List<TableTransactionAction>();
        await foreach (var row in table.QueryAsync<EventRelayedRow>(TableKeys.PrefixFilter(TableKeys.TenantPartition(tenantId), TableKeys.EventRelayedPrefix),
            select: ["PartitionKey", "RowKey", "At"], cancellationToken: cancellationToken))
        {
            if (row.At >= cutoff)
            {
                continue;
            }
            old.Add(new(TableTransactionActionType.Delete, row));
            if (old.Count == StorageLimits.MaxBatchEntities)
            {
                await table.SubmitCheckedAsync(old, cancellationToken);
                deleted += old.Count;
                old.Clear();
            }
        }
        if (old.Count > 0)
        {
            await table.SubmitCheckedAsync(old, cancellationToken);
            deleted += old.Count;
        }
        return deleted;
    }

    public async Task<int> PruneAsync(string tenantId, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var table = storage.Table(TableNames.TenantData);
        var old = new List<TableTransactionAction>();
        var deleted = 0;
        await foreach (var row in table.QueryAsync<EventFeedRow>(TableKeys.PrefixFilter(TableKeys.TenantPartition(tenantId), TableKeys.EventFeedPrefix),
            select: ["PartitionKey", "RowKey", "CreatedAt"], cancellationToken: cancellationToken))
        {
            if (row.CreatedAt >= cutoff)
            {
                break;
            }
            old.Add(new(TableTransactionActionType.Delete, row));
            if (old.Count == StorageLimits.MaxBatchEntities)
            {
                await table.SubmitCheckedAsync(old, cancellationToken);
                deleted += old.Count;
                old.Clear();
            }
        }
        if (old.Count > 0)
        {
            await table.SubmitCheckedAsync(old, cancellationToken);
            deleted += old.Count;
        }
        return deleted;
    }
}
