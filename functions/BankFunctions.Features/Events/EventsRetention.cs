using Azure.Data.Tables;
using BankFunctions.Features.Runtime;
using BankFunctions.Storage;
using BankFunctions.Storage.Guard;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Events;

/// <summary>
/// Timer events-retention: deletes feed rows older than <see cref="EventOptions.RetentionDays"/>, with what only
/// served them (relay markers, webhook delivery records). The feed is in
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
            await PruneWebhookDeliveriesAsync(tenant.RowKey, cutoff, cancellationToken);
        }
    }

    /// <summary>
    /// Deletes the relay markers (<see cref="EventRelay"/>) of events older than the cutoff: a source row that old was
    /// deleted long ago. Markers are few (one per ingest or balance change), so the walk reads them all.
    /// </summary>
    public async Task<int> PruneRelayedAsync(string tenantId, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var table = storage.Table(TableNames.TenantData);
        var rows = table.QueryAsync<EventRelayedRow>(TableKeys.PrefixFilter(TableKeys.TenantPartition(tenantId), TableKeys.EventRelayedPrefix),
            select: ["PartitionKey", "RowKey", "At"], cancellationToken: cancellationToken);
        return await DeleteWhileAsync(table, rows, row => row.At < cutoff, stopAtFirstKept: false, cancellationToken);
    }

    /// <summary>
    /// Deletes webhook delivery records (<see cref="WebhookDeliveryRow"/>) last tried before the cutoff: their events
    /// have left the feed, so there is nothing left to redeliver. This also clears the records of deleted endpoints. The
    /// age filter runs in the table service, so only old rows travel.
    /// </summary>
    public async Task<int> PruneWebhookDeliveriesAsync(string tenantId, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var table = storage.Table(TableNames.TenantData);
        var filter = TableKeys.PrefixFilter(TableKeys.TenantPartition(tenantId), TableKeys.WebhookDeliveryAllPrefix)
            + $" and LastAttemptAt lt datetime'{cutoff.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffffffZ}'";
        var rows = table.QueryAsync<WebhookDeliveryRow>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken);
        return await DeleteWhileAsync(table, rows, _ => true, stopAtFirstKept: false, cancellationToken);
    }

    public async Task<int> PruneAsync(string tenantId, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var table = storage.Table(TableNames.TenantData);
        var rows = table.QueryAsync<EventFeedRow>(TableKeys.PrefixFilter(TableKeys.TenantPartition(tenantId), TableKeys.EventFeedPrefix),
            select: ["PartitionKey", "RowKey", "CreatedAt"], cancellationToken: cancellationToken);
        // Sequence order is commit order: the first event young enough to keep ends the walk.
        return await DeleteWhileAsync(table, rows, row => row.CreatedAt < cutoff, stopAtFirstKept: true, cancellationToken);
    }

    /// <summary>Deletes the rows <paramref name="old"/> selects, in full entity-group batches.</summary>
    private static async Task<int> DeleteWhileAsync<T>(TableClient table, IAsyncEnumerable<T> rows, Func<T, bool> old, bool stopAtFirstKept, CancellationToken cancellationToken)
        where T : class, ITableEntity
    {
        var batch = new List<TableTransactionAction>();
        var deleted = 0;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            if (!old(row))
            {
                if (stopAtFirstKept)
                {
                    break;
                }
                continue;
            }
            batch.Add(new(TableTransactionActionType.Delete, row));
            if (batch.Count == StorageLimits.MaxBatchEntities)
            {
                await table.SubmitCheckedAsync(batch, cancellationToken);
                deleted += batch.Count;
                batch.Clear();
            }
        }
        if (batch.Count > 0)
        {
            await table.SubmitCheckedAsync(batch, cancellationToken);
            deleted += batch.Count;
        }
        return deleted;
    }
}
