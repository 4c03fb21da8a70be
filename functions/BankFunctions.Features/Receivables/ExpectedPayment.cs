using BankFunctions.Domain;

namespace BankFunctions.Features.Receivables;

/// <summary>Which way the money is expected to move on the account: in (a receivable) or out (an expected debit, e.g. a direct debit).</summary>
public enum ExpectedDirection
{
    Credit,
    Debit,
}

/// <summary>open → partially_reconciled → reconciled; open or partially_reconciled → cancelled (by a person).</summary>
public enum ExpectedPaymentStatus
{
    Open,
    PartiallyReconciled,
    Reconciled,
    Cancelled,
}

/// <summary>The automatic matching rules, in the order they are tried (docs/API.md "Expected payments").</summary>
public enum MatchRule
{
    StructuredReference,
    ReferenceInRemittance,
    AmountAndCounterparty,
    AmountAndDate,
}

/// <summary>Wire names (snake_case, as every status of the API).</summary>
public static class ExpectedPaymentWire
{
    public static string ToWire(this ExpectedPaymentStatus status) => status switch
    {
        ExpectedPaymentStatus.Open => "open",
        ExpectedPaymentStatus.PartiallyReconciled => "partially_reconciled",
        ExpectedPaymentStatus.Reconciled => "reconciled",
        _ => "cancelled",
    };

    public static ExpectedPaymentStatus? StatusFromWire(string? wire) => wire switch
    {
        "open" => ExpectedPaymentStatus.Open,
        "partially_reconciled" => ExpectedPaymentStatus.PartiallyReconciled,
        "reconciled" => ExpectedPaymentStatus.Reconciled,
        "cancelled" => ExpectedPaymentStatus.Cancelled,
        _ => null,
    };

    public static string ToWire(this ExpectedDirection direction) => direction == ExpectedDirection.Credit ? "credit" : "debit";

    public static ExpectedDirection? DirectionFromWire(string? wire) => wire switch
    {
        "credit" => ExpectedDirection.Credit,
        "debit" => ExpectedDirection.Debit,
        _ => null,
    };

    public static string ToWire(this MatchRule rule) => rule switch
    {
        MatchRule.StructuredReference => "structured_reference",
        MatchRule.ReferenceInRemittance => "reference_in_remittance",
        MatchRule.AmountAndCounterparty => "amount_and_counterparty",
        _ => "amount_and_date",
    };
}

/// <summary>
/// What an open expected payment waits for, as the matcher sees it. Either an exact <see cref="Amount"/> (settled in
/// one or several parts; <see cref="Remaining"/> is what is still open) or a range <see cref="Min"/>–<see cref="Max"/>
/// (settled whole by one entry inside it). Keys are normalised: <see cref="ReferenceKey"/> is the reference's letters
/// and digits upper-case (<see cref="RemittanceWords.Key"/>), <see cref="CreditorReference"/> its ISO 11649 form when
/// it is one, <see cref="CounterpartyAccount"/> letters and digits upper-case.
/// </summary>
public sealed record ExpectedPayment(
    string Id, ExpectedDirection Direction, Currency Currency, Money? Amount, Money? Min, Money? Max, Money Remaining,
    DateOnly From, DateOnly To, string? CounterpartyAccount, string? ReferenceKey, int ReferenceWords, string? CreditorReference,
    string? RemittancePattern)
{
    public bool IsRange => Amount is null;
}

/// <summary>A booked statement entry as the matcher sees it: signed amount (debit negative), day, counterparty account (normalised), remittance text.</summary>
public sealed record MatchableEntry(string EntryId, Money Amount, DateOnly Day, string? CounterpartyAccount, string? Remittance);

/// <summary>One part of an entry given to one expected payment, and the expected payment's state after it.</summary>
public sealed record Allocation(string ExpectedPaymentId, Money Amount, Money RemainingAfter, ExpectedPaymentStatus StatusAfter);

/// <summary>What an entry settles, by which rule; the allocations sum to at most the entry's amount (any surplus stays unallocated).</summary>
public sealed record EntryMatch(string EntryId, MatchRule Rule, IReadOnlyList<Allocation> Allocations);
