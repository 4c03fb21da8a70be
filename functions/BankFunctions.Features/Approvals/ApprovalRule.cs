using BankFunctions.Domain;

namespace BankFunctions.Features.Approvals;

/// <summary>One threshold: payments in <see cref="Currency"/> of at least <see cref="MinAmount"/> need <see cref="Approvals"/> approvals.</summary>
public sealed record ApprovalRule(string Currency, string MinAmount, int Approvals)
{
    /// <summary>For decisions only: money travels as the <see cref="MinAmount"/> string, never as a JSON number (API.md).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Money Threshold => Money.Parse(MinAmount, Currency);
}

/// <summary>Dual control decisions (API.md "Approval rules"). Pure.</summary>
public static class ApprovalPolicy
{
    /// <summary>A tenant without a matching rule needs one approval for everything.</summary>
    public const int DefaultApprovals = 1;

    /// <summary>The highest minAmount at or below the amount, among the rules of the amount's currency, decides.</summary>
    public static int Required(IReadOnlyList<ApprovalRule> rules, Money amount)
    {
        ApprovalRule? best = null;
        foreach (var rule in rules)
        {
            if (rule.Currency == amount.Currency.Code && rule.Threshold <= amount && (best is null || rule.Threshold > best.Threshold))
            {
                best = rule;
            }
        }
        return best?.Approvals ?? DefaultApprovals;
    }

    /// <summary>As <see cref="Required(IReadOnlyList{ApprovalRule}, Money)"/> for a validated amount in <paramref name="currency"/>.</summary>
    public static int Required(IReadOnlyList<ApprovalRule> rules, string currency, decimal amount) => Required(rules, Money.Of(amount, currency));

    public enum Verdict
    {
        /// <summary>Recorded; more approvals needed.</summary>
        Recorded,
        /// <summary>Recorded and now fully approved.</summary>
        Approved,
        /// <summary>The creator of a payment can never approve it.</summary>
        CreatorCannotApprove,
        /// <summary>Two approvals must come from two different keys.</summary>
        AlreadyApprovedByThisKey,
    }

    public static Verdict Approve(string creatorKeyId, IReadOnlyList<string> approvals, int required, string approverKeyId)
    {
        if (approverKeyId == creatorKeyId)
        {
            return Verdict.CreatorCannotApprove;
        }
        if (approvals.Contains(approverKeyId))
        {
            return Verdict.AlreadyApprovedByThisKey;
        }
        return approvals.Count + 1 >= required ? Verdict.Approved : Verdict.Recorded;
    }
}
