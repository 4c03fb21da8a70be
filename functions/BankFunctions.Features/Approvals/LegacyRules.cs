using BankFunctions.Domain;

namespace BankFunctions.Features.Approvals;

/// <summary>
/// The old flat rules ({currency, minAmount, approvals}, PUT /v1/approval-rules) as a workflow and back. The highest
/// threshold at or below the amount decided; as a workflow each rule is a level for its currency from its minAmount
/// below the next threshold, so exactly one applies and unmatched currencies keep the default of one approval. Pure.
/// </summary>
public static class LegacyRules
{
    public static ApprovalWorkflow ToWorkflow(IReadOnlyList<ApprovalRule> rules)
    {
        var levels = new List<WorkflowLevel>();
        foreach (var currency in rules.GroupBy(r => r.Currency, StringComparer.Ordinal))
        {
            var sorted = currency.OrderBy(r => r.Threshold).ToList();
            for (var i = 0; i < sorted.Count; i++)
            {
                var rule = sorted[i];
                var below = i + 1 < sorted.Count ? sorted[i + 1].MinAmount : null;
                levels.Add(new WorkflowLevel($"{rule.Currency} from {rule.MinAmount}", rule.Approvals, [],
                    new LevelConditions(rule.Currency, rule.MinAmount, below)));
            }
        }
        return new ApprovalWorkflow(levels);
    }

    /// <summary>The rules a workflow is the translation of, or null when it says more than the old format can.</summary>
    public static IReadOnlyList<ApprovalRule>? TryToRules(ApprovalWorkflow workflow)
    {
        var rules = new List<ApprovalRule>();
        foreach (var level in workflow.Levels)
        {
            if (level is not { Groups.Count: 0, Approvals: >= 0 and <= 2, Conditions: { Currency: { } currency, MinAmount: { } min } c }
                || c.DebtorAccountIds is { Count: > 0 } || c.Kinds is { Count: > 0 } || c.FirstPaymentToNewAccount is not null)
            {
                return null;
            }
            rules.Add(new ApprovalRule(currency, min, level.Approvals));
        }
        var back = ToWorkflow(rules);
        // Expressible only if translating the rules gives the same conditions back (ranges chained, no gaps or overlaps).
        var same = back.Levels.Count == workflow.Levels.Count && back.Levels.All(b => workflow.Levels.Any(l => l.Conditions == b.Conditions && l.Approvals == b.Approvals))
            && rules.DistinctBy(r => (r.Currency, Money.Parse(r.MinAmount, r.Currency).Amount)).Count() == rules.Count;
        return same ? rules.OrderBy(r => r.Currency, StringComparer.Ordinal).ThenBy(r => r.Threshold).ToList() : null;
    }
}
