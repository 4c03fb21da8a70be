using BankFunctions.Features.Approvals;

namespace BankFunctions.Features.Tests.Approvals;

/// <summary>PUT /v1/approval-rules validation: every bad field named with its message, nothing accepted from an invalid body.</summary>
public sealed class PutApprovalRulesTests
{
    private static (IReadOnlyList<ApprovalRule> Rules, IReadOnlyDictionary<string, string[]> Errors) Check(params PutApprovalRules.RuleInput?[]? rules)
    {
        var v = new Validation();
        var valid = PutApprovalRules.Check(new PutApprovalRules.Request(rules), v);
        return (valid, v.Errors);
    }

    [Fact]
    public void Valid_rules_are_sorted_by_currency_then_threshold()
    {
        var (rules, errors) = Check(new("EUR", "10000.00", 2), new("CNY", "50000.00", 2), new("EUR", "0.00", 1), new("EUR", "9.99", 0));
        Assert.Empty(errors);
        Assert.Equal(["CNY 50000.00 2", "EUR 0.00 1", "EUR 9.99 0", "EUR 10000.00 2"], rules.Select(r => $"{r.Currency} {r.MinAmount} {r.Approvals}"));
    }

    [Fact]
    public void Missing_rules_is_a_field_error()
    {
        var (_, errors) = Check(null);
        Assert.Equal(["is required (an empty array means one approval for everything)."], errors["rules"]);
    }

    [Fact]
    public void An_empty_list_is_valid()
    {
        var (rules, errors) = Check();
        Assert.Empty(errors);
        Assert.Empty(rules);
    }

    [Theory]
    [InlineData("eur", "10.00", 1, "rules[0].currency", "must be an ISO 4217 currency code.")]
    [InlineData("XXY", "10.00", 1, "rules[0].currency", "must be an ISO 4217 currency code.")]
    [InlineData("XXY", "10.00", 1, "rules[0].minAmount", "must be a decimal string.")]
    [InlineData("EUR", "10", 1, "rules[0].minAmount", "must be a decimal string ≥ 0 with 2 decimals for EUR.")]
    [InlineData("EUR", "10.001", 1, "rules[0].minAmount", "must be a decimal string ≥ 0 with 2 decimals for EUR.")]
    [InlineData("EUR", "-1.00", 1, "rules[0].minAmount", "must be a decimal string ≥ 0 with 2 decimals for EUR.")]
    [InlineData("EUR", "1e3", 1, "rules[0].minAmount", "must be a decimal string ≥ 0 with 2 decimals for EUR.")]
    [InlineData("JPY", "100.00", 1, "rules[0].minAmount", "must be a decimal string ≥ 0 with 0 decimals for JPY.")]
    [InlineData("KWD", "1.00", 1, "rules[0].minAmount", "must be a decimal string ≥ 0 with 3 decimals for KWD.")]
    [InlineData("EUR", null, 1, "rules[0].minAmount", "must be a decimal string ≥ 0 with 2 decimals for EUR.")]
    [InlineData("EUR", "10.00", 3, "rules[0].approvals", "must be 0, 1 or 2.")]
    [InlineData("EUR", "10.00", -1, "rules[0].approvals", "must be 0, 1 or 2.")]
    [InlineData("EUR", "10.00", null, "rules[0].approvals", "must be 0, 1 or 2.")]
    public void Each_bad_field_is_named(string? currency, string? minAmount, int? approvals, string field, string message)
    {
        var (_, errors) = Check(new PutApprovalRules.RuleInput(currency, minAmount, approvals));
        Assert.Contains(message, errors[field]);
    }

    [Fact]
    public void A_null_rule_is_named_by_its_index()
    {
        var (_, errors) = Check(new("EUR", "1.00", 1), null);
        Assert.Equal(["must be an object."], errors["rules[1]"]);
        Assert.Single(errors);
    }

    [Fact]
    public void The_same_threshold_twice_in_one_currency_is_a_duplicate_but_not_across_currencies()
    {
        var (_, errors) = Check(new("EUR", "100.00", 1), new("USD", "100.00", 2), new("EUR", "100.00", 2));
        Assert.Equal(["duplicates another rule's currency and minAmount."], errors["rules[2]"]);
        Assert.Single(errors);
    }

    [Fact]
    public void At_most_a_hundred_rules()
    {
        var rules = Enumerable.Range(0, 101).Select(i => new PutApprovalRules.RuleInput("EUR", $"{i}.00", 1)).ToArray();
        var (_, errors) = Check(rules);
        Assert.Equal(["at most 100 rules."], errors["rules"]);
        Assert.Empty(Check(rules[..100]).Errors);
    }
}
