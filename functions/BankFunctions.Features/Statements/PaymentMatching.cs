using System.Globalization;
using BankFunctions.Domain;
using BankFunctions.Domain.Payments;
using BankFunctions.Features.Payments;
using BankFunctions.Formats.Statements;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Statements;

/// <summary>A payment as the reference index knows it (written when its bank file was prepared).</summary>
public sealed record ReferencedPayment(string PaymentId, Money Amount);

/// <summary>An open (sent or accepted) payment that a debit without any reference may book.</summary>
public sealed record OpenPayment(string PaymentId, Money Amount, DateOnly? ExecutionDate);

/// <summary>
/// An entry (or batch transaction) carrying a payment's reference whose money is not the payment's — another amount,
/// another currency, or an amount its currency cannot hold: reported, never reconciled.
/// </summary>
public sealed record ReferenceMismatch(string PaymentId, decimal EntryAmount, string EntryCurrency, Money Payment)
{
    public string Describe(string entryName) =>
        $"Entry {entryName} carries the reference of payment {PaymentId} but {EntryAmount.ToString(System.Globalization.CultureInfo.InvariantCulture)} {EntryCurrency} ≠ {Payment}; not reconciled.";
}

/// <summary>What one entry means for our payments by reference; <see cref="WithoutReference"/>: a plain debit that may still match by amount and date.</summary>
public sealed record EntryMatch(IReadOnlyList<PaymentEffect> Effects, IReadOnlyList<ReferenceMismatch> Mismatches, bool WithoutReference);

/// <summary>
/// The reconciliation decisions of <see cref="Reconciler"/>, pure (issue #6 §5, issue #12): which of our payments an
/// entry books or returns. Money is compared with its currency — a USD entry never settles a EUR payment of the same
/// number.
/// </summary>
public static class PaymentMatching
{
    /// <summary>A debit without reference books an open payment executed at most this many days before.</summary>
    public const int MaxDaysAfterExecution = 5;

    /// <summary>Every reference under which an entry (or one of its transactions) may be one of our payments: what to look up.</summary>
    public static IEnumerable<string> References(StatementEntry entry) =>
        Candidates(entry).Concat(entry.Details.SelectMany(d => DetailCandidates(d, ByEndToEnd(entry)))).Distinct(StringComparer.Ordinal);

    /// <summary>
    /// The payments an entry settles through their references: each part (the entry, or each transaction of a batch
    /// booking) whose reference is in <paramref name="index"/> with the same money; a part with the reference but other
    /// money is a mismatch. <paramref name="currency"/> is the entry's currency as stored (the account's when the file
    /// gives none); a transaction's own currency takes precedence for its amount.
    /// </summary>
    public static EntryMatch ByReference(StatementEntry entry, string currency, string? bookingReference, IReadOnlyDictionary<string, ReferencedPayment> index)
    {
        var parts = entry.Details.Count > 1
            ? entry.Details.Select(d => (Amount: Math.Abs(d.Amount ?? 0m), Currency: d.Currency ?? currency, Refs: DetailCandidates(d, ByEndToEnd(entry)).ToList(), Return: d.ReturnInfo ?? entry.ReturnInfo)).ToList()
            : [(Amount: Math.Abs(entry.Amount), Currency: currency, Refs: Candidates(entry).ToList(), Return: entry.ReturnInfo)];
        var effects = new List<PaymentEffect>();
        var mismatches = new List<ReferenceMismatch>();
        foreach (var (amount, partCurrency, refs, returnInfo) in parts)
        {
            var hit = refs.Select(r => index.GetValueOrDefault(r)).FirstOrDefault(r => r is not null);
            if (hit is null)
            {
                continue;
            }
            if (MoneyOf(amount, partCurrency) != hit.Amount)
            {
                mismatches.Add(new ReferenceMismatch(hit.PaymentId, amount, partCurrency, hit.Amount));
                continue;
            }
            effects.Add(Effect(hit.PaymentId, entry, returnInfo, bookingReference));
        }
        var withoutReference = effects.Count == 0 && entry.Amount < 0 && !entry.IsReversal && parts.All(p => p.Refs.Count == 0);
        return new EntryMatch(effects, mismatches, withoutReference);
    }

    /// <summary>
    /// Debits without any reference, in order: each books the one open payment of the same money executed up to
    /// <see cref="MaxDaysAfterExecution"/> days before its booking (else value) day; none or several fitting leaves it
    /// for a person (null). A payment taken by one entry is not offered to the next.
    /// </summary>
    public static IReadOnlyList<OpenPayment?> ByAmountAndDate(IReadOnlyList<(StatementEntry Entry, string Currency)> entries, IReadOnlyList<OpenPayment> open)
    {
        var left = open.ToList();
        var found = new List<OpenPayment?>(entries.Count);
        foreach (var (entry, currency) in entries)
        {
            var money = MoneyOf(Math.Abs(entry.Amount), currency);
            var day = entry.BookingDate ?? entry.ValueDate;
            var fits = left.Where(p => money == p.Amount && p.ExecutionDate is { } executed
                && day is { } d && d >= executed && d.DayNumber - executed.DayNumber <= MaxDaysAfterExecution).ToList();
            var fit = fits.Count == 1 ? fits[0] : null;
            if (fit is not null)
            {
                left.Remove(fit);
            }
            found.Add(fit);
        }
        return found;
    }

    /// <summary>
    /// An open payment row as amount-and-date matching sees it: its money and the day the bank executes it — the
    /// <c>ExecutionDate</c> column (the requested day moved past weekend, holidays and cut-off by the bank profile's
    /// calendar), the requested day only on rows written before that column. Null when the stored amount is not money.
    /// </summary>
    public static OpenPayment? Open(PaymentRow p) =>
        Money.TryParse(p.Amount, p.Currency, out _) is { } amount
            ? new OpenPayment(p.PaymentId, amount,
                DateOnly.TryParseExact(PaymentRows.ExecutionDate(p), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null)
            : null;

    /// <summary>A matched entry's meaning: a debit books (completed); a credit, reversal or return (RtrInf, 退票) returns it with the bank's reason.</summary>
    public static PaymentEffect Effect(string paymentId, StatementEntry entry, string? returnInfo, string? bookingReference)
    {
        var returned = entry.Amount > 0 || entry.IsReversal || returnInfo is not null;
        var reason = returnInfo is not null ? $"Returned by the bank ({returnInfo})"
            : entry.IsReversal ? "Reversed by the bank"
            : entry.RemittanceInformation is { Length: > 0 } text ? $"Returned by the bank: {text}" : "Returned by the bank";
        return new PaymentEffect(paymentId, returned, returned ? reason : null, returned ? returnInfo : null, bookingReference);
    }

    /// <summary>
    /// What a matched entry does to its payment's row: a booking's reference is kept (the first one), and the payment
    /// moves through the state machine as a <see cref="PaymentTrigger.Booking"/> (completed, or returned with the bank's
    /// reason). Returns the audit action — <c>payment.completed</c>/<c>payment.returned</c>, or <c>payment.booked</c>
    /// when only the booking reference is new — or null when nothing changes (a repeated entry, a payment no booking
    /// may move), the row untouched.
    /// </summary>
    public static string? Book(PaymentRow p, PaymentEffect effect, DateTimeOffset now)
    {
        var referenced = p.BookingReference is null && effect.BookingReference is not null && !effect.Returned;
        if (referenced)
        {
            p.BookingReference = effect.BookingReference;
        }
        var moved = PaymentTransitions.TryApply(p, effect.Returned ? PaymentStatus.Returned : PaymentStatus.Completed, PaymentTrigger.Booking, now,
            effect.Returned ? effect.Reason ?? "Returned by the bank" : null, effect.BankCode);
        if (!referenced && !moved)
        {
            return null;
        }
        p.UpdatedAt = now;
        return moved ? "payment." + p.Status : "payment.booked";
    }

    /// <summary>The money an entry amount stands for, or null when its currency is unknown or cannot hold the amount (never equal to a payment).</summary>
    private static Money? MoneyOf(decimal amount, string? currencyCode) =>
        Currency.Find(currencyCode?.Trim().ToUpperInvariant()) is { } currency && decimal.Round(amount, currency.MinorUnits) == amount
            ? Money.Of(amount, currency)
            : null;

    /// <summary>
    /// The references under which an entry may be one of our payments. Debits: all of them. Credits are mostly money
    /// coming in, whose EndToEndId is the payer's: only a credit that says it is a return or reversal (RtrInf, RC/RD,
    /// reversal flag) is looked up by EndToEndId; the CMB-style bank's 退票 credit carries our yurref as the
    /// customer reference, which incoming payments do not, so that one is always looked up.
    /// </summary>
    private static IEnumerable<string> Candidates(StatementEntry e)
    {
        var byEndToEnd = ByEndToEnd(e);
        var own = (byEndToEnd ? Meaningful(e.EndToEndId) : []).Concat(Meaningful(e.CustomerReference));
        return own.Concat(e.Details.Count == 1 ? DetailCandidates(e.Details[0], byEndToEnd) : []);
    }

    private static bool ByEndToEnd(StatementEntry e) => e.Amount < 0 || e.IsReversal || e.ReturnInfo is not null || e.Details.Any(d => d.ReturnInfo is not null);

    private static IEnumerable<string> DetailCandidates(EntryDetail d, bool byEndToEnd) =>
        (byEndToEnd || d.ReturnInfo is not null ? Meaningful(d.EndToEndId) : []).Concat(Meaningful(d.CustomerReference));

    private static IEnumerable<string> Meaningful(string? reference) =>
        string.IsNullOrWhiteSpace(reference) || reference.Trim() is "NOTPROVIDED" or "NONREF" ? [] : [reference.Trim()];
}
