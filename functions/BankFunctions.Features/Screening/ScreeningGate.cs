using Azure.Data.Tables;
using BankFunctions.Domain.Payments;
using BankFunctions.Domain.Screening;
using BankFunctions.Features.Payments;
using BankFunctions.Storage;
using BankFunctions.Storage.Guard;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Screening;

/// <summary>
/// The sign stage's sanctions check (issue #17), before a payment is taken into a bank file: its creditor name is
/// screened against the loaded lists (<see cref="Screener"/>, in process); a hit at or above the threshold moves it
/// approved → screening_hold through <see cref="PaymentTransitions"/>, ETag-guarded, with an audit row naming the list,
/// the entry, the name it matched and the score, in one transaction. A held payment is not built, signed or sent.
/// A payment an admin cleared (<see cref="ScreeningDecisions.WasCleared"/>) is not screened again.
/// </summary>
public sealed class ScreeningGate(Screener screener, StorageClients storage, AuditRows audit, TimeProvider clock)
{
    public const string HeldAction = "payment.screening_hold";

    private decimal Threshold => screener.Threshold;

    /// <summary>What the audit row of a hold says (its "after").</summary>
    public sealed record HoldRecord(string PaymentId, string From, string To, string CreditorName, string Source, string EntryId, string EntryKind,
        string MatchedName, decimal Score, decimal Threshold, IReadOnlyList<string> Programs);

    /// <summary>The lists as they are now, to screen a group of payments with one look at storage.</summary>
    public async Task<Pass> BeginAsync(CancellationToken cancellationToken) => new(this, await screener.IndexesAsync(cancellationToken));

    public sealed class Pass(ScreeningGate gate, IReadOnlyList<ScreeningIndex> indexes)
    {
        /// <summary>The hit that holds <paramref name="payment"/>, or null (no hit, no list, or cleared by an admin).</summary>
        public ScreeningHit? Check(PaymentRow payment) =>
            indexes.Count == 0 || ScreeningDecisions.WasCleared(StatusHistory.Read(payment.StatusHistory).Select(c => c.Status))
                ? null
                : Screener.Best(indexes, payment.CreditorName, gate.Threshold);

        /// <summary>Holds the payment for <paramref name="hit"/>; false when it changed meanwhile (412: nothing written).</summary>
        public Task<bool> HoldAsync(PaymentRow payment, ScreeningHit hit, string function, CancellationToken cancellationToken) =>
            gate.HoldAsync(payment, hit, function, cancellationToken);
    }

    private async Task<bool> HoldAsync(PaymentRow payment, ScreeningHit hit, string function, CancellationToken cancellationToken)
    {
        var from = payment.Status;
        var now = clock.GetUtcNow();
        var reason = $"Screening hit: the creditor name matches {hit.Entry.Source} entry {hit.Entry.Id} '{hit.MatchedName}' with score "
            + $"{hit.Score.ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture)}; an admin clears or rejects it.";
        PaymentTransitions.Apply(payment, PaymentStatus.ScreeningHold, PaymentTrigger.ScreeningHit, now, reason);
        var record = new HoldRecord(payment.PaymentId, from, payment.Status, payment.CreditorName, hit.Entry.Source, hit.Entry.Id, hit.Entry.Kind,
            hit.MatchedName, hit.Score, screener.Threshold, hit.Entry.Programs);
        try
        {
            await storage.Table(TableNames.TenantData).SubmitCheckedAsync(
            [
                new(TableTransactionActionType.UpdateReplace, payment, payment.ETag),
                new(TableTransactionActionType.Add, audit.SystemRow(payment.PartitionKey, function, HeldAction, payment.PaymentId, null, record, now)),
            ], cancellationToken);
            return true;
        }
        catch (TableTransactionFailedException e) when (e.Status == 412)
        {
            return false;
        }
    }
}
