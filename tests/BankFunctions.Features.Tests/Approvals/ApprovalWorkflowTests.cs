using BankFunctions.Domain;
using BankFunctions.Features.Approvals;

namespace BankFunctions.Features.Tests.Approvals;

/// <summary>The workflow core (issue #15): which levels a payment needs, who may approve when, and the sign stage's re-check.</summary>
public sealed class ApprovalWorkflowTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 9, 0, 0, TimeSpan.Zero);

    /// <summary>The example: any 1 of "AP managers"; above 100,000 EUR also 1 of "CFO office".</summary>
    private static readonly ApprovalWorkflow TwoLevels = new(
    [
        new WorkflowLevel("AP managers", 1, ["AP managers"]),
        new WorkflowLevel("CFO office", 1, ["CFO office"], new LevelConditions("EUR", "100000.00")),
    ]);

    private static PaymentFacts Eur(string amount, string kind = PaymentKinds.Single, string account = "acc_1", bool first = false) =>
        new(Money.Parse(amount, "EUR"), account, kind, first);

    private static readonly Approver Ap = new("key_ap", ["AP managers"]);
    private static readonly Approver Ap2 = new("key_ap2", ["AP managers"]);
    private static readonly Approver Cfo = new("key_cfo", ["CFO office"]);
    private static readonly Approver Anyone = new("key_any", []);

    [Fact]
    public void Levels_apply_by_their_conditions_in_workflow_order()
    {
        Assert.Equal(["AP managers"], WorkflowRequirement.Evaluate(TwoLevels, Eur("99999.99")).Select(l => l.Name));
        Assert.Equal(["AP managers", "CFO office"], WorkflowRequirement.Evaluate(TwoLevels, Eur("100000.00")).Select(l => l.Name));
        // The amount conditions compare within their currency only.
        Assert.Equal(["AP managers"], WorkflowRequirement.Evaluate(TwoLevels, new PaymentFacts(Money.Parse("1000000.00", "USD"), "acc_1", PaymentKinds.Single, false))
            .Select(l => l.Name));
    }

    [Fact]
    public void No_applying_level_means_one_approval_by_anyone_and_a_zero_level_means_none()
    {
        var onlyBig = new ApprovalWorkflow([new WorkflowLevel("Big", 2, [], new LevelConditions("EUR", "5000.00"))]);
        var small = WorkflowRequirement.Evaluate(onlyBig, Eur("10.00"));
        Assert.Equal((WorkflowRequirement.DefaultLevelName, 1, 0), (small.Single().Name, small.Single().Approvals, small.Single().Groups.Count));
        var free = new ApprovalWorkflow([new WorkflowLevel("Free", 0, [])]);
        Assert.Empty(WorkflowRequirement.Evaluate(free, Eur("10.00")));
        Assert.Single(WorkflowRequirement.Evaluate(ApprovalWorkflow.Default, Eur("10.00")));
    }

    [Theory]
    [InlineData(PaymentKinds.Single, "acc_1", false, new[] { "Any" })]
    [InlineData(PaymentKinds.Payroll, "acc_1", false, new[] { "Any", "Payroll" })]
    [InlineData(PaymentKinds.Batch, "acc_1", false, new[] { "Any" })]
    [InlineData(PaymentKinds.Single, "acc_hq", false, new[] { "Any", "HQ account" })]
    [InlineData(PaymentKinds.Single, "acc_1", true, new[] { "Any", "New creditor" })]
    public void Conditions_on_kind_account_and_first_payment(string kind, string account, bool first, string[] expected)
    {
        var workflow = new ApprovalWorkflow(
        [
            new WorkflowLevel("Any", 1, []),
            new WorkflowLevel("Payroll", 1, ["HR"], new LevelConditions(Kinds: [PaymentKinds.Payroll])),
            new WorkflowLevel("HQ account", 1, ["Treasury"], new LevelConditions(DebtorAccountIds: ["acc_hq"])),
            new WorkflowLevel("New creditor", 1, ["Compliance"], new LevelConditions(FirstPaymentToNewAccount: true)),
        ]);
        Assert.Equal(expected, WorkflowRequirement.Evaluate(workflow, Eur("10.00", kind, account, first)).Select(l => l.Name));
    }

    [Fact]
    public void The_counterparty_settings_first_payment_extra_is_a_last_level_by_anyone()
    {
        var levels = WorkflowRequirement.Evaluate(TwoLevels, Eur("10.00"), firstPaymentExtra: 2);
        Assert.Equal([("AP managers", 1), (WorkflowRequirement.FirstPaymentLevelName, 2)], levels.Select(l => (l.Name, l.Approvals)));
    }

    [Fact]
    public void Two_levels_are_approved_in_order_by_their_groups()
    {
        var levels = WorkflowRequirement.Evaluate(TwoLevels, Eur("250000.00"));
        var refused = Assert.IsType<ApprovalOutcome.Refused>(ApprovalLevelRules.Decide(levels, "key_sub", Cfo, Now));
        Assert.Equal(ApprovalRefusalReason.LevelOrder, refused.Reason);
        Assert.Equal(ApprovalRefusalReason.NotInGroup, Assert.IsType<ApprovalOutcome.Refused>(ApprovalLevelRules.Decide(levels, "key_sub", Anyone, Now)).Reason);

        var first = Assert.IsType<ApprovalOutcome.Recorded>(ApprovalLevelRules.Decide(levels, "key_sub", Ap, Now));
        Assert.Equal((0, false), (first.Level, first.FullyApproved));
        Assert.Equivalent(new LevelApproval("key_ap", Now, ["AP managers"]), first.Levels[0].ApprovedBy.Single(), strict: true);
        // Level 1 is complete: another AP manager has nothing to approve at level 2.
        Assert.Equal(ApprovalRefusalReason.NotInGroup, Assert.IsType<ApprovalOutcome.Refused>(ApprovalLevelRules.Decide(first.Levels, "key_sub", Ap2, Now)).Reason);

        var second = Assert.IsType<ApprovalOutcome.Recorded>(ApprovalLevelRules.Decide(first.Levels, "key_sub", Cfo, Now));
        Assert.Equal((1, true), (second.Level, second.FullyApproved));
        Assert.Equal(["key_ap", "key_cfo"], ApprovalLevelRules.Approvers(second.Levels));
        Assert.Equal(ApprovalRefusalReason.NothingLeft, Assert.IsType<ApprovalOutcome.Refused>(ApprovalLevelRules.Decide(second.Levels, "key_sub", Anyone, Now)).Reason);
    }

    [Fact]
    public void The_creator_never_approves_even_as_a_group_member()
    {
        var levels = WorkflowRequirement.Evaluate(TwoLevels, Eur("10.00"));
        Assert.Equal(ApprovalRefusalReason.Creator, Assert.IsType<ApprovalOutcome.Refused>(ApprovalLevelRules.Decide(levels, "key_ap", Ap, Now)).Reason);
        Assert.False(ApprovalLevelRules.CanApprove(levels, "key_ap", Ap));
        Assert.True(ApprovalLevelRules.CanApprove(levels, "key_sub", Ap));
    }

    [Fact]
    public void One_person_approves_at_most_once_across_levels()
    {
        var both = new Approver("key_both", ["AP managers", "CFO office"]);
        var levels = WorkflowRequirement.Evaluate(TwoLevels, Eur("100000.00"));
        var first = Assert.IsType<ApprovalOutcome.Recorded>(ApprovalLevelRules.Decide(levels, "key_sub", both, Now));
        var again = Assert.IsType<ApprovalOutcome.Refused>(ApprovalLevelRules.Decide(first.Levels, "key_sub", both, Now));
        Assert.Equal(ApprovalRefusalReason.AlreadyApproved, again.Reason);
        Assert.False(ApprovalLevelRules.CanApprove(first.Levels, "key_sub", both));
    }

    [Fact]
    public void A_level_of_two_needs_two_different_members()
    {
        var levels = WorkflowRequirement.Evaluate(new ApprovalWorkflow([new WorkflowLevel("Two AP", 2, ["AP managers"])]), Eur("10.00"));
        var one = Assert.IsType<ApprovalOutcome.Recorded>(ApprovalLevelRules.Decide(levels, "key_sub", Ap, Now));
        Assert.False(one.FullyApproved);
        Assert.Equal(ApprovalRefusalReason.AlreadyApproved, Assert.IsType<ApprovalOutcome.Refused>(ApprovalLevelRules.Decide(one.Levels, "key_sub", Ap, Now)).Reason);
        Assert.True(Assert.IsType<ApprovalOutcome.Recorded>(ApprovalLevelRules.Decide(one.Levels, "key_sub", Ap2, Now)).FullyApproved);
    }

    [Fact]
    public void A_workflow_tightened_after_approval_adds_only_the_unmet_part()
    {
        var approved = Assert.IsType<ApprovalOutcome.Recorded>(ApprovalLevelRules.Decide(WorkflowRequirement.Evaluate(TwoLevels, Eur("10.00")), "key_sub", Ap, Now)).Levels;
        // Unchanged or looser: still approved.
        Assert.Null(ApprovalLevelRules.Tighten(approved, WorkflowRequirement.Evaluate(TwoLevels, Eur("10.00"))));
        Assert.Null(ApprovalLevelRules.Tighten(approved, WorkflowRequirement.Evaluate(new ApprovalWorkflow([new WorkflowLevel("Free", 0, [])]), Eur("10.00"))));
        // Now CFO office for everything: the AP approval still counts for the AP level, the CFO level is added.
        var tighter = new ApprovalWorkflow([TwoLevels.Levels[0], new WorkflowLevel("CFO office", 1, ["CFO office"])]);
        var tightened = ApprovalLevelRules.Tighten(approved, WorkflowRequirement.Evaluate(tighter, Eur("10.00")));
        Assert.NotNull(tightened);
        Assert.Equal([("AP managers", 1, 1), ("CFO office", 1, 0)], tightened.Select(l => (l.Name, l.Approvals, l.ApprovedBy.Count)));
        Assert.Equal(1, ApprovalLevelRules.Current(tightened));
    }

    [Fact]
    public void Snapshots_round_trip_and_rows_from_before_workflows_read_as_one_level()
    {
        var levels = Assert.IsType<ApprovalOutcome.Recorded>(ApprovalLevelRules.Decide(WorkflowRequirement.Evaluate(TwoLevels, Eur("100000.00")), "key_sub", Ap, Now)).Levels;
        Assert.Equivalent(levels, ApprovalSnapshot.Read(ApprovalSnapshot.Write(levels), 0, []), strict: true);
        var legacy = ApprovalSnapshot.Read(null, 2, ["key_a"]);
        Assert.Equal((WorkflowRequirement.DefaultLevelName, 2, "key_a"), (legacy.Single().Name, legacy.Single().Approvals, legacy.Single().ApprovedBy.Single().By));
        Assert.True(ApprovalLevelRules.CanApprove(legacy, "key_sub", Anyone));
        Assert.Empty(ApprovalSnapshot.Read(null, 0, []));
    }

    [Fact]
    public void Old_rules_translate_to_a_workflow_that_requires_the_same()
    {
        IReadOnlyList<ApprovalRule> rules = [new("EUR", "0.00", 0), new("EUR", "10000.00", 1), new("EUR", "100000.00", 2), new("CNY", "50000.00", 2)];
        var workflow = LegacyRules.ToWorkflow(rules);
        foreach (var (currency, amount) in new[] { ("EUR", "5.00"), ("EUR", "9999.99"), ("EUR", "10000.00"), ("EUR", "100000.00"), ("CNY", "1.00"), ("CNY", "50000.00"), ("USD", "7.00") })
        {
            var money = Money.Parse(amount, currency);
            Assert.Equal(ApprovalPolicy.Required(rules, money),
                ApprovalLevelRules.TotalRequired(WorkflowRequirement.Evaluate(workflow, new PaymentFacts(money, "acc_1", PaymentKinds.Single, false))));
        }
        Assert.Equal(rules.OrderBy(r => r.Currency, StringComparer.Ordinal).ThenBy(r => r.Threshold), LegacyRules.TryToRules(workflow));
        Assert.Empty(LegacyRules.TryToRules(ApprovalWorkflow.Default)!);
        Assert.Null(LegacyRules.TryToRules(TwoLevels));
    }
}
