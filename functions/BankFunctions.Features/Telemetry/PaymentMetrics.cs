using BankFunctions.Domain.Payments;
using BankFunctions.Features.Payments;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Telemetry;

/// <summary>
/// The business metrics of a payment's status change, recorded where every change is made
/// (<see cref="PaymentTransitions.TryApply"/>): a count per (status, bank), and the submit→accepted and
/// accepted→completed latencies (a payment completed without an accepted report counts as accepted when completed).
/// Recorded when the row is changed in memory: a save that then loses its ETag race and is decided again counts the
/// move a second time (rare; the gauges of <c>PlatformOverview</c> count the rows themselves).
/// </summary>
public static class PaymentMetrics
{
    public static void Moved(PaymentRow payment, PaymentStatus from, PaymentStatus to, DateTimeOffset now)
    {
        var bank = new KeyValuePair<string, object?>(Telemetry.BankTag, payment.Bank);
        Telemetry.PaymentTransitionCount.Add(1, bank, new(Telemetry.StatusTag, to.ToWire()));
        if (to == PaymentStatus.Accepted)
        {
            Telemetry.SubmitToAcceptedSeconds.Record(Seconds(now - payment.CreatedAt), bank);
        }
        else if (to == PaymentStatus.Completed && AcceptedAt(payment.StatusHistory) is { } accepted)
        {
            Telemetry.AcceptedToCompletedSeconds.Record(Seconds(now - accepted), bank);
        }
        else if (to == PaymentStatus.Completed)
        {
            // The bank's first report already said completed (a fast bank between two polls): it accepted no later than now.
            Telemetry.SubmitToAcceptedSeconds.Record(Seconds(now - payment.CreatedAt), bank);
        }
    }

    /// <summary>When the payment last became accepted (its history, read before the new entry is appended).</summary>
    private static DateTimeOffset? AcceptedAt(string history) =>
        StatusHistory.Read(history).LastOrDefault(c => c.Status == PaymentStatus.Accepted.ToWire())?.At;

    private static double Seconds(TimeSpan span) => Math.Max(0, span.TotalSeconds);
}
