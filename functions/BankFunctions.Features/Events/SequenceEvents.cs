using Azure.Data.Tables;
using BankFunctions.Features.Runtime;
using BankFunctions.Storage;
using BankFunctions.Storage.Guard;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Events;

/// <summary>
/// Queue events-sequence (body: a tenant id): numbers the tenant's unsequenced events into its feed. Time-ordered ids
/// are not gap-free (a writer with an earlier clock can commit after a reader saw a later id), so the feed's order is
/// made here: one transaction, guarded by the counter row's ETag, writes the next numbers' feed rows, moves the counter
/// and deletes the pending rows they came from. Two sequencers of one tenant meet at the counter (412 or 409) and the
/// loser reads again; a crash before the commit leaves everything pending, after it leaves nothing to redo. After each
/// commit the new events go to the webhook fan-out in sequence order.
/// </summary>
public sealed class SequenceEvents(StorageClients storage, IEventSubscriber? subscriber = null) : IQueueHandler
{
    /// <summary>The counter row and at least one pending row's delete take two of a transaction's 100 entities.</summary>
    public const int MaxEventsPerTransaction = StorageLimits.MaxBatchEntities - 2;

    public Task HandleAsync(QueueMessageContext message, CancellationToken cancellationToken) =>
        SequenceAsync(message.Body.Trim(), cancellationToken);

    /// <summary>Numbers every pending event of <paramref name="tenantId"/>; returns how many this call numbered.</summary>
    public async Task<int> SequenceAsync(string tenantId, CancellationToken cancellationToken)
    {
        var table = storage.Table(TableNames.TenantData);
        var partition = TableKeys.TenantPartition(tenantId);
        var numbered = 0;
        for (var conflicts = 0; conflicts < 20;)
        {
            var pending = new List<PendingEventRow>();
            await foreach (var row in table.QueryAsync<PendingEventRow>(TableKeys.PrefixFilter(partition, TableKeys.EventPendingPrefix), maxPerPage: 50,
                cancellationToken: cancellationToken))
            {
                pending.Add(row);
                if (pending.Count == 50)
                {
                    break;
                }
            }
            if (pending.Count == 0)
            {
                break;
            }
            var read = await table.GetEntityIfExistsAsync<EventCounterRow>(partition, TableKeys.EventCounterRow, cancellationToken: cancellationToken);
            var counter = read.HasValue ? read.Value : null;
            var (actions, feed) = Plan(tenantId, counter, pending);
            try
            {
                await table.SubmitCheckedAsync(actions, cancellationToken);
            }
            catch (TableTransactionFailedException e) when (e.Status is 404 or 409 or 412)
            {
                conflicts++; // Another sequencer numbered them (or some of them) first: read again.
                continue;
            }
            numbered += feed.Count;
            if (subscriber is not null)
            {
                await subscriber.SequencedAsync(tenantId, feed, cancellationToken);
            }
        }
        return numbered;
    }

    /// <summary>
    /// The one transaction that numbers the oldest pending rows that fit: their feed rows from the counter's next number
    /// on, their deletes (each under its ETag) and the counter (added when the tenant has none yet, else under its ETag).
    /// </summary>
    public static (List<TableTransactionAction> Actions, List<EventFeedRow> Feed) Plan(string tenantId, EventCounterRow? counter, IReadOnlyList<PendingEventRow> pending)
    {
        var last = counter?.Last ?? 0;
        var actions = new List<TableTransactionAction>();
        var feed = new List<EventFeedRow>();
        foreach (var row in pending)
        {
            var events = EventRows.Read(row);
            if (events.Count > MaxEventsPerTransaction)
            {
                throw new InvalidOperationException($"Pending row {row.RowKey} holds {events.Count} events; one transaction numbers at most {MaxEventsPerTransaction}.");
            }
            if (actions.Count > 0 && actions.Count + 1 + events.Count + 1 > StorageLimits.MaxBatchEntities)
            {
                break;
            }
            actions.Add(new(TableTransactionActionType.Delete, row, row.ETag));
            foreach (var e in events)
            {
                var feedRow = EventRows.FeedRow(tenantId, ++last, e);
                feed.Add(feedRow);
                actions.Add(new(TableTransactionActionType.Add, feedRow));
            }
        }
        actions.Add(counter is null
            ? new(TableTransactionActionType.Add, new EventCounterRow { PartitionKey = TableKeys.TenantPartition(tenantId), RowKey = TableKeys.EventCounterRow, Last = last })
            : new(TableTransactionActionType.UpdateReplace, new EventCounterRow { PartitionKey = counter.PartitionKey, RowKey = counter.RowKey, Last = last }, counter.ETag));
        return (actions, feed);
    }
}

/// <summary>What happens to events once numbered (the webhook fan-out); called in sequence order, possibly again after a crash.</summary>
public interface IEventSubscriber
{
    Task SequencedAsync(string tenantId, IReadOnlyList<EventFeedRow> events, CancellationToken cancellationToken);
}
