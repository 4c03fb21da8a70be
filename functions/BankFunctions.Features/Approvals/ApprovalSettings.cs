namespace BankFunctions.Features.Approvals;

/// <summary>
/// A tenant's approval settings: the payment workflow (issue #15) or the old thresholds it was translated from, how
/// many approvals a new or changed counterparty bank account needs, and how many extra approvals the first payment to
/// such an account needs (issue #17 "Counterparties").
/// </summary>
/// <param name="Rules">The old thresholds (PUT /v1/approval-rules); their translation is the workflow unless <paramref name="StoredWorkflow"/> is set.</param>
/// <param name="StoredWorkflow">The workflow PUT /v1/approval-workflows stored; null: the translation of <paramref name="Rules"/>.</param>
/// <param name="ETag">The stored row's ETag (null: nothing stored yet), for If-Match on the workflow.</param>
public sealed record ApprovalSettings(IReadOnlyList<ApprovalRule> Rules, int CounterpartyAccountChangeApprovals, int FirstPaymentToNewAccountExtraApprovals,
    ApprovalWorkflow? StoredWorkflow = null, string? ETag = null)
{
    /// <summary>Like a payment without a matching rule: one approval by another person.</summary>
    public const int DefaultAccountChangeApprovals = 1;

    public static readonly ApprovalSettings Default = new([], DefaultAccountChangeApprovals, 0);

    /// <summary>The workflow payments and batches are submitted under.</summary>
    public ApprovalWorkflow Workflow => StoredWorkflow ?? LegacyRules.ToWorkflow(Rules);

    /// <summary>The old rules' view: the stored rules, or the stored workflow's when it is expressible as rules (null: it is not).</summary>
    public IReadOnlyList<ApprovalRule>? ExpressibleRules => StoredWorkflow is null ? Rules : LegacyRules.TryToRules(StoredWorkflow);
}
