using BankFunctions.Domain;
using BankFunctions.Features.Approvals;

namespace BankFunctions.Features.Tests.Approvals;

/// <summary>Dual-control thresholds (API.md "Approval rules"): the highest minAmount at or below the amount, in the amount's currency.</summary>
public sealed class ApprovalPolicyTests
{
    private static readonly IReadOnlyList<ApprovalRule> Rules =
    [
        new("EUR", "0.00", 1),
        new("EUR", "10000.00", 2),
        new("CNY", "50000.00", 2),
        new("JPY", "1000000", 2),
    ];

    [Theory]
    [InlineData("EUR", "9999.99", 1)] // just below the threshold
    [InlineData("EUR", "10000.00", 2)] // equal: "at least"
    [InlineData("EUR", "10000.01", 2)] // just above
    [InlineData("EUR", "0.01", 1)]
    [InlineData("CNY", "49999.99", 1)] // no CNY rule below 50000: the default
    [InlineData("CNY", "50000.00", 2)]
    [InlineData("JPY", "999999", 1)]
    [InlineData("JPY", "1000000", 2)]
    [InlineData("USD", "99999999.00", 1)] // no rule in this currency: never another currency's rule
    public void Required_approvals_follow_the_rules_of_the_amounts_currency(string currency, string amount, int expected)
    {
        Assert.Equal(expected, ApprovalPolicy.Required(Rules, Money.Parse(amount, currency)));
    }

    [Fact]
    public void The_highest_matching_threshold_decides_whatever_the_rule_order()
    {
        IReadOnlyList<ApprovalRule> rules = [new("EUR", "5000.00", 2), new("EUR", "100.00", 0), new("EUR", "1000.00", 1)];
        Assert.Equal(ApprovalPolicy.DefaultApprovals, ApprovalPolicy.Required(rules, Money.Parse("99.99", "EUR")));
        Assert.Equal(0, ApprovalPolicy.Required(rules, Money.Parse("100.00", "EUR")));
        Assert.Equal(1, ApprovalPolicy.Required(rules, Money.Parse("4999.99", "EUR")));
        Assert.Equal(2, ApprovalPolicy.Required(rules, Money.Parse("5000.00", "EUR")));
    }

    [Fact]
    public void A_rule_in_another_currency_never_applies_even_to_the_same_number()
    {
        IReadOnlyList<ApprovalRule> rules = [new("USD", "100.00", 2)];
        Assert.Equal(1, ApprovalPolicy.Required(rules, Money.Parse("100.00", "EUR")));
        Assert.Equal(2, ApprovalPolicy.Required(rules, Money.Parse("100.00", "USD")));
    }

    [Fact]
    public void No_rules_means_one_approval_and_a_zero_rule_means_none()
    {
        Assert.Equal(1, ApprovalPolicy.Required([], Money.Parse("1.00", "EUR")));
        Assert.Equal(0, ApprovalPolicy.Required([new("EUR", "0.00", 0)], Money.Parse("1.00", "EUR")));
    }

    [Fact]
    public void The_decimal_overload_decides_as_the_money_one()
    {
        Assert.Equal(2, ApprovalPolicy.Required(Rules, "EUR", 10000m));
        Assert.Equal(1, ApprovalPolicy.Required(Rules, "EUR", 9999.99m));
    }

    [Theory]
    [InlineData("creator", new string[0], 1, "creator", ApprovalPolicy.Verdict.CreatorCannotApprove)]
    [InlineData("creator", new string[0], 1, "a1", ApprovalPolicy.Verdict.Approved)]
    [InlineData("creator", new string[0], 2, "a1", ApprovalPolicy.Verdict.Recorded)]
    [InlineData("creator", new[] { "a1" }, 2, "a1", ApprovalPolicy.Verdict.AlreadyApprovedByThisKey)]
    [InlineData("creator", new[] { "a1" }, 2, "a2", ApprovalPolicy.Verdict.Approved)]
    [InlineData("creator", new[] { "a1" }, 2, "creator", ApprovalPolicy.Verdict.CreatorCannotApprove)]
    public void Approve_enforces_dual_control(string creator, string[] approvals, int required, string approver, ApprovalPolicy.Verdict expected)
    {
        Assert.Equal(expected, ApprovalPolicy.Approve(creator, approvals, required, approver));
    }
}
