using BankFunctions.Domain.Payments;
using BankFunctions.Storage;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Payments;

/// <summary>
/// Writes what became of a batch (<see cref="BatchStateMachine.Derive"/>) onto its header when the batch's bank file is
/// settled, so lists — which show headers and cannot count every batch's items — show it too. GET of one batch derives
/// it from the items again each time (a completed item may still be returned later through a statement).
/// </summary>
public sealed class BatchOutcomes(PaymentStore payments)
{
    public async Task RecordAsync(BankFileRow file, IReadOnlyList<PaymentRow> items, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (file.BatchId is not { } batchId || items.Count == 0)
        {
            return;
        }
        var counts = items.GroupBy(PaymentTransitions.StatusOf).ToDictionary(g => g.Key, g => g.Count());
        await payments.TransitionAsync<BatchRow>(file.PartitionKey, TableKeys.BatchRow(batchId), header =>
        {
            var derived = BatchStateMachine.Derive(BatchStatusNames.Parse(header.Status), header.Complete, counts).ToWire();
            if (derived == header.Status)
            {
                return new TransitionDecision.Stop(Microsoft.AspNetCore.Http.Results.Empty);
            }
            header.Status = derived;
            header.UpdatedAt = now;
            header.StatusHistory = StatusHistory.Append(header.StatusHistory, new StatusChange(derived, now, "Every item is terminal"));
            return new TransitionDecision.Write([]);
        }, cancellationToken);
    }
}
