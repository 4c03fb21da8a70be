using BankFunctions.Domain;
using BankFunctions.Features.Approvals;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Payments;

/// <summary>
/// What a single payment or a batch needs under a workflow (issue #15): one function for submission and the sign
/// stage's re-check, so the two never count differently (a first payment approved with its extra approval must not be
/// sent back to pending_approval, nor one short of it be sent). Pure.
/// </summary>
public static class PaymentApprovals
{
    /// <summary>What the workflow sees of a stored single payment.</summary>
    public static PaymentFacts Facts(PaymentRow payment) =>
        new(Money.Parse(payment.Amount, payment.Currency), payment.DebtorAccountId, PaymentKinds.Single, payment.FirstPaymentToAccount);

    /// <summary>What the workflow sees of a batch: its total, its account and its kind.</summary>
    public static PaymentFacts Facts(BatchRow batch) =>
        new(Money.Parse(batch.TotalAmount, batch.Currency), batch.DebtorAccountId, PaymentKinds.OfBatch(batch.Kind), false);

    /// <summary>The levels a stored payment needs under <paramref name="workflow"/>, with its first-payment extra (recorded on the payment).</summary>
    public static IReadOnlyList<RequiredLevel> Levels(ApprovalWorkflow workflow, PaymentRow payment) =>
        WorkflowRequirement.Evaluate(workflow, Facts(payment), Math.Max(0, payment.FirstPaymentExtraApprovals));

    /// <summary>The approvals a stored payment needs under the old <paramref name="rules"/>, in total.</summary>
    public static int Required(IReadOnlyList<ApprovalRule> rules, PaymentRow payment) =>
        ApprovalLevelRules.TotalRequired(Levels(LegacyRules.ToWorkflow(rules), payment));

    /// <summary>The levels stored on a payment row (a row from before workflows: one level of its count).</summary>
    public static IReadOnlyList<RequiredLevel> Snapshot(PaymentRow row) =>
        ApprovalSnapshot.Read(row.ApprovalLevels, row.ApprovalsRequired, ApprovalList.Parse(row.Approvals));

    public static IReadOnlyList<RequiredLevel> Snapshot(BatchRow row) =>
        ApprovalSnapshot.Read(row.ApprovalLevels, row.ApprovalsRequired, ApprovalList.Parse(row.Approvals));

    /// <summary>Stores <paramref name="levels"/> on the row, with the total and flat approver list the API has always shown.</summary>
    public static void Store(PaymentRow row, IReadOnlyList<RequiredLevel> levels)
    {
        row.ApprovalLevels = ApprovalSnapshot.Write(levels);
        row.ApprovalsRequired = ApprovalLevelRules.TotalRequired(levels);
        row.Approvals = string.Join(',', ApprovalLevelRules.Approvers(levels));
    }

    public static void Store(BatchRow row, IReadOnlyList<RequiredLevel> levels)
    {
        row.ApprovalLevels = ApprovalSnapshot.Write(levels);
        row.ApprovalsRequired = ApprovalLevelRules.TotalRequired(levels);
        row.Approvals = string.Join(',', ApprovalLevelRules.Approvers(levels));
    }
}
