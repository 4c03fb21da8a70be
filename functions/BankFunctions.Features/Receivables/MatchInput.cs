namespace BankFunctions.Features.Receivables;

/// <summary>
/// Body of POST /v1/accounts/{id}/transactions/{entryId}/match: the expected payments the entry settles, in order, and
/// optionally how much of the entry each one takes (a decimal string in the entry's currency; without it, what is
/// still open of the expected payment, at most what is left of the entry). Or <see cref="PaymentIds"/>: our own payments a
/// debit entry books, tied whole (<see cref="ManualMatching.ManualPaymentRules"/>); one or the other, not both.
/// </summary>
public sealed record MatchInput(IReadOnlyList<string?>? ExpectedPaymentIds, IReadOnlyList<string?>? PaymentIds,
    IReadOnlyDictionary<string, string?>? Amounts, string? Reason);

/// <summary>Body of POST …/{entryId}/unmatch: why (required, audited).</summary>
public sealed record UnmatchInput(string? Reason);
