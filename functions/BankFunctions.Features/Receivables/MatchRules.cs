using BankFunctions.Domain;

namespace BankFunctions.Features.Receivables;

/// <summary>
/// The tests of the automatic matching rules (docs/API.md "Expected payments"), one expected payment at a time, pure.
/// <see cref="ReceivableMatcher"/> decides with them (through its indexes, which find the same candidates faster) and
/// <see cref="MatchExplanation"/> explains with them why an entry was not taken, so the two never disagree.
/// </summary>
public static class MatchRules
{
    /// <summary>A credit settles only expected credits, a debit only expected debits.</summary>
    public static ExpectedDirection DirectionOf(Money entryAmount) => entryAmount.IsNegative ? ExpectedDirection.Debit : ExpectedDirection.Credit;

    /// <summary>Never across currencies or directions.</summary>
    public static bool SameKind(ExpectedPayment spec, ExpectedDirection direction, Currency currency) =>
        spec.Direction == direction && spec.Currency == currency;

    /// <summary>Rules 3 and 4: the entry's day inside the window (both ends included).</summary>
    public static bool InWindow(ExpectedPayment spec, DateOnly day) => day >= spec.From && day <= spec.To;

    /// <summary>Rules 3 and 4: the whole (absolute) amount is what is still open, or inside the range.</summary>
    public static bool AmountFits(ExpectedPayment spec, Money remaining, Money amount) =>
        spec.IsRange ? amount >= spec.Min!.Value && amount <= spec.Max!.Value : amount == remaining;

    /// <summary>Rules 3 and 4: the amount fits and the day is inside the window.</summary>
    public static bool Fits(ExpectedPayment spec, Money remaining, Money amount, DateOnly day) =>
        InWindow(spec, day) && AmountFits(spec, remaining, amount);

    /// <summary>Rule 4: an expected payment naming a counterparty account that the entry's differs from is not taken by amount + date.</summary>
    public static bool Contradicts(ExpectedPayment spec, string? entryAccount) =>
        spec.CounterpartyAccount is { } expected && entryAccount is not null && expected != entryAccount;

    /// <summary>Rule 3: the same counterparty account (both normalised by <see cref="RemittanceWords.Key"/>).</summary>
    public static bool SameCounterparty(ExpectedPayment spec, string? entryAccount) =>
        spec.CounterpartyAccount is not null && spec.CounterpartyAccount == entryAccount;

    /// <summary>Rules 1 and 2 give a range only an amount of at least its minimum (a range is settled whole, never in parts).</summary>
    public static bool CanTake(ExpectedPayment spec, Money left) => !spec.IsRange || left >= spec.Min!.Value;

    /// <summary>
    /// Rule 1: an ISO 11649 creditor reference in the remittance is the expected payment's, or the whole remittance
    /// (its letters and digits, <paramref name="words"/> = <see cref="RemittanceWords.Split"/>) is its reference.
    /// </summary>
    public static bool StructuredReference(ExpectedPayment spec, string? remittance, IReadOnlyList<string> words) =>
        (spec.CreditorReference is { } rf && Domain.Receivables.CreditorReference.FindIn(remittance).Contains(rf, StringComparer.Ordinal))
        || (spec.ReferenceKey is { } key && words.Count > 0 && key == string.Concat(words));

    /// <summary>Rule 2: the reference appears as consecutive words of the remittance, or the remittance pattern matches.</summary>
    public static bool ReferenceInRemittance(ExpectedPayment spec, string? remittance, IReadOnlyList<string> words) =>
        (spec.ReferenceKey is { } key && RemittanceWords.Runs(words.ToList(), Math.Min(spec.ReferenceWords, RemittanceWords.MaxReferenceWords)).Contains(key, StringComparer.Ordinal))
        || (spec.RemittancePattern is { } pattern && RemittancePattern.Matches(pattern, remittance));
}
