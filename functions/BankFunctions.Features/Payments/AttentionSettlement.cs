using BankFunctions.Domain.Payments;
using BankFunctions.Features.Dispatch;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Payments;

/// <summary>
/// After a needs_attention payment was settled by a person or by the bank's answer to them: once no payment of its
/// bank file needs a person any more the file is final, and a batch's header shows what became of its items
/// (<see cref="BatchOutcomes"/>). Idempotent; a crash before it leaves the file in needs_attention, which only shows.
/// </summary>
public sealed class AttentionSettlement(BankFileStore files, BatchOutcomes batches, TimeProvider clock)
{
    public async Task AfterSettledAsync(PaymentRow payment, CancellationToken cancellationToken)
    {
        if (payment.FileId is not { } fileId || await files.FindAsync(payment.PartitionKey, fileId, cancellationToken) is not { } file)
        {
            return;
        }
        var all = await files.PaymentsAsync(file, cancellationToken);
        var statuses = all.Select(PaymentTransitions.StatusOf).ToList();
        if (!statuses.All(PaymentStateMachine.IsFinal))
        {
            return;
        }
        if (file.State == BankFileStates.NeedsAttention && !statuses.Contains(PaymentStatus.NeedsAttention))
        {
            file.State = BankFileStates.Final;
            await files.TryUpdateAsync(file, cancellationToken);
        }
        await batches.RecordAsync(file, all, clock.GetUtcNow(), cancellationToken);
    }
}
