using BankFunctions.Storage.Guard;
using Azure.Data.Tables;
using BankFunctions.Domain.Payments;
using BankFunctions.Storage;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Payments;

/// <summary>
/// Carries a batch decision down to its items (those in one of the <c>from</c> statuses, each moved by the
/// <see cref="PaymentStateMachine"/> through <see cref="PaymentTransitions"/>), 98 per transaction with their audit row and events (actor "system:" + the
/// function, <see cref="TransitionAudit"/>), each guarded by the item's ETag. Idempotent: items already moved are
/// skipped, so a re-run after a crash (outbox sweep, retried request) finishes the job.
/// </summary>
public sealed class BatchItemStatuses(StorageClients storage, TimeProvider clock, AuditRows audit)
{
    public async Task MoveAsync(string tenantId, string batchId, IReadOnlySet<PaymentStatus> from, PaymentStatus to, PaymentTrigger by, string? reason,
        string function, CancellationToken cancellationToken)
    {
        var table = storage.Table(TableNames.TenantData);
        var filter = BatchItems.Filter(tenantId, batchId);
        var now = clock.GetUtcNow();
        var pending = new List<(PaymentRow Row, string From)>(Dispatch.BankFileStore.PaymentsPerTransaction);
        await foreach (var item in table.QueryAsync<PaymentRow>(filter, cancellationToken: cancellationToken))
        {
            var was = item.Status;
            if (!from.Contains(PaymentTransitions.StatusOf(item)) || !PaymentTransitions.TryApply(item, to, by, now, reason))
            {
                continue;
            }
            pending.Add((item, was));
            if (pending.Count == Dispatch.BankFileStore.PaymentsPerTransaction)
            {
                await SubmitAsync(table, pending, function, now, cancellationToken);
                pending.Clear();
            }
        }
        if (pending.Count > 0)
        {
            await SubmitAsync(table, pending, function, now, cancellationToken);
        }
    }

    private async Task SubmitAsync(TableClient table, List<(PaymentRow Row, string From)> moved, string function, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            await table.SubmitCheckedAsync(Actions(moved, function, now), cancellationToken);
        }
        catch (TableTransactionFailedException e) when (e.Status == 412)
        {
            // An item changed under us (a stage moved it on): the batch decision no longer applies to it. Apply the
            // rest one by one (each with its audit row) so one moved item does not hold back the others.
            foreach (var one in moved)
            {
                try
                {
                    await table.SubmitCheckedAsync(Actions([one], function, now), cancellationToken);
                }
                catch (TableTransactionFailedException single) when (single.Status == 412)
                {
                }
            }
        }
    }

    private List<TableTransactionAction> Actions(IReadOnlyList<(PaymentRow Row, string From)> moved, string function, DateTimeOffset now)
    {
        var actions = moved.Select(m => new TableTransactionAction(TableTransactionActionType.UpdateReplace, m.Row, m.Row.ETag)).ToList();
        actions.Add(new(TableTransactionActionType.Add, TransitionAudit.Row(audit, function, moved, now)));
        return actions;
    }
}
