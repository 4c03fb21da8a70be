using BankFunctions.Domain;

namespace BankFunctions.Features.Approvals;

/// <summary>What a workflow requires of one payment or batch: the snapshot taken at submission. Pure.</summary>
public static class WorkflowRequirement
{
    /// <summary>The level a payment gets when no level of the workflow applies: one approval by any approver.</summary>
    public const string DefaultLevelName = "Approval";

    /// <summary>The level the counterparty setting <c>firstPaymentToNewAccountExtraApprovals</c> adds (issue #17).</summary>
    public const string FirstPaymentLevelName = "First payment to a new account";

    /// <summary>
    /// The levels whose conditions hold, in workflow order, without those asking for 0 approvals; when none applies,
    /// one approval by any approver. <paramref name="firstPaymentExtra"/> (the counterparty setting) appends a level
    /// of that many approvals by any approver.
    /// </summary>
    public static IReadOnlyList<RequiredLevel> Evaluate(ApprovalWorkflow workflow, PaymentFacts facts, int firstPaymentExtra = 0)
    {
        var applying = workflow.Levels.Where(l => Applies(l.Conditions, facts)).ToList();
        var levels = applying.Count == 0
            ? [new RequiredLevel(DefaultLevelName, ApprovalPolicy.DefaultApprovals, [], [])]
            : applying.Where(l => l.Approvals > 0).Select(l => new RequiredLevel(l.Name, l.Approvals, l.Groups, [])).ToList();
        if (firstPaymentExtra > 0)
        {
            levels.Add(new RequiredLevel(FirstPaymentLevelName, firstPaymentExtra, [], []));
        }
        return levels;
    }

    public static bool Applies(LevelConditions? c, PaymentFacts facts)
    {
        if (c is null)
        {
            return true;
        }
        if (c.Currency is not null && c.Currency != facts.Amount.Currency.Code)
        {
            return false;
        }
        // Validation makes amounts come with a currency, so these compare within one currency only.
        if (c.MinAmount is not null && facts.Amount < Money.Parse(c.MinAmount, facts.Amount.Currency.Code))
        {
            return false;
        }
        if (c.BelowAmount is not null && facts.Amount >= Money.Parse(c.BelowAmount, facts.Amount.Currency.Code))
        {
            return false;
        }
        if (c.DebtorAccountIds is { Count: > 0 } accounts && !accounts.Contains(facts.DebtorAccountId, StringComparer.Ordinal))
        {
            return false;
        }
        if (c.Kinds is { Count: > 0 } kinds && !kinds.Contains(facts.Kind, StringComparer.Ordinal))
        {
            return false;
        }
        return c.FirstPaymentToNewAccount is not { } first || first == facts.FirstPaymentToNewAccount;
    }
}
