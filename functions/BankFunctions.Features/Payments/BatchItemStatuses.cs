using BankFunctions.Storage.Guard;
using Azure;
using Azure.Data.Tables;
using BankFunctions.Storage;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Payments;

/// <summary>
/// Carries a batch decision down to its items, 100 per transaction, each guarded by the item's ETag. Idempotent:
/// items already moved are skipped, so a re-run after a crash (outbox sweep, retried request) finishes the job.
/// </summary>
public sealed class BatchItemStatuses(StorageClients storage, TimeProvider clock)
{
    public async Task MoveAsync(string tenantId, string batchId, IReadOnlySet<string> from, string to, string? reason, CancellationToken cancellationToken)
    {
        var table = storage.Table(TableNames.TenantData);
        var filter = BatchItems.Filter(tenantId, batchId);
        var now = clock.GetUtcNow();
        var pending = new List<TableTransactionAction>(100);
        await foreach (var item in table.QueryAsync<PaymentRow>(filter, cancellationToken: cancellationToken))
        {
            if (!from.Contains(item.Status))
            {
                continue;
            }
            item.Status = to;
            item.StatusReason = reason ?? item.StatusReason;
            item.UpdatedAt = now;
            item.StatusHistory = StatusHistory.Append(item.StatusHistory, new StatusChange(to, now, reason));
            pending.Add(new(TableTransactionActionType.UpdateReplace, item, item.ETag));
            if (pending.Count == 100)
            {
                await SubmitAsync(table, pending, cancellationToken);
                pending.Clear();
            }
        }
        if (pending.Count > 0)
        {
            await SubmitAsync(table, pending, cancellationToken);
        }
    }

    private static async Task SubmitAsync(TableClient table, List<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        try
        {
            await table.SubmitCheckedAsync(actions, cancellationToken);
        }
        catch (TableTransactionFailedException e) when (e.Status == 412)
        {
            // An item changed under us (a stage moved it on): the batch decision no longer applies to it. Apply the
            // rest one by one so one moved item does not hold back the others.
            foreach (var action in actions)
            {
                try
                {
                    await table.UpdateCheckedAsync((PaymentRow)action.Entity, action.ETag, TableUpdateMode.Replace, cancellationToken);
                }
                catch (RequestFailedException single) when (single.Status == 412)
                {
                }
            }
        }
    }
}
