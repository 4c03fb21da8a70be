namespace BankFunctions.Features.Approvals;

/// <summary>
/// A tenant's approval workflow: the payment thresholds, how many approvals a new or changed counterparty bank account
/// needs, and how many extra approvals the first payment to such an account needs (issue #17 "Counterparties").
/// </summary>
public sealed record ApprovalSettings(IReadOnlyList<ApprovalRule> Rules, int CounterpartyAccountChangeApprovals, int FirstPaymentToNewAccountExtraApprovals)
{
    /// <summary>Like a payment without a matching rule: one approval by another person.</summary>
    public const int DefaultAccountChangeApprovals = 1;

    public static readonly ApprovalSettings Default = new([], DefaultAccountChangeApprovals, 0);
}
