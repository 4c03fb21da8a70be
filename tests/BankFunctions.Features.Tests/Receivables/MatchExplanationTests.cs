using BankFunctions.Domain;
using BankFunctions.Features.Receivables;

namespace BankFunctions.Features.Tests.Receivables;

/// <summary>
/// Why an entry was not matched automatically (<see cref="MatchExplanation"/>): one reason per rule that failed, and never
/// a verdict the matcher itself would not reach (the last test runs both over a grid of cases).
/// </summary>
public sealed class MatchExplanationTests
{
    private static readonly DateOnly Day = new(2026, 12, 4);

    private static ExpectedPayment Expected(string id, string amount, string currency = "EUR", ExpectedDirection direction = ExpectedDirection.Credit,
        string? reference = null, string? counterparty = null, DateOnly? from = null, DateOnly? to = null, string? min = null, string? max = null)
    {
        var exact = min is null ? Money.Parse(amount, currency) : (Money?)null;
        return new ExpectedPayment(id, direction, Currency.Find(currency)!, exact,
            min is null ? null : Money.Parse(min, currency), max is null ? null : Money.Parse(max, currency),
            exact ?? Money.Parse(max!, currency), from ?? Day.AddDays(-10), to ?? Day.AddDays(10),
            RemittanceWords.Key(counterparty), RemittanceWords.Key(reference), RemittanceWords.Split(reference).Count,
            Domain.Receivables.CreditorReference.TryNormalize(reference), null);
    }

    private static MatchableEntry Entry(string amount, string? remittance = null, string? counterparty = null, string currency = "EUR", DateOnly? day = null) =>
        new("e1", Money.Parse(amount, currency), day ?? Day, RemittanceWords.Key(counterparty), remittance);

    private static string[] Codes(IReadOnlyList<MatchCandidate> candidates, string id) =>
        candidates.Single(c => c.Spec.Id == id).Reasons.Select(r => r.Code).ToArray();

    [Fact]
    public void Two_expected_payments_of_the_same_amount_and_window_are_ambiguous_and_neither_would_match()
    {
        var open = new[] { Expected("xp_a", "100.00"), Expected("xp_b", "100.00") };
        var candidates = MatchExplanation.Explain(Entry("100.00", "thanks"), open);
        Assert.Equal(["xp_a", "xp_b"], candidates.Select(c => c.Spec.Id));
        Assert.All(candidates, c => Assert.Null(c.WouldMatchBy));
        Assert.Equal([MatchExplanation.Ambiguous], Codes(candidates, "xp_a"));
        Assert.Contains("2 open expected payments", candidates[0].Reasons[0].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_counterparty_match_outside_the_window_with_another_amount_names_both_failures()
    {
        var open = new[] { Expected("xp_a", "120.00", counterparty: "NL91 ABNA 0417 1643 00", from: Day.AddDays(1), to: Day.AddDays(5)) };
        var candidates = MatchExplanation.Explain(Entry("100.00", counterparty: "NL91ABNA0417164300"), open);
        Assert.Equal([MatchExplanation.AmountDiffers, MatchExplanation.OutsideWindow], Codes(candidates, "xp_a"));
        Assert.Contains("120.00 EUR still open", candidates[0].Reasons[0].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_amount_with_another_counterparty_account_is_named_and_a_missing_reference_too()
    {
        var open = new[] { Expected("xp_a", "100.00", reference: "INV-7", counterparty: "DE89370400440532013000") };
        var candidates = MatchExplanation.Explain(Entry("100.00", "thanks", counterparty: "NL91ABNA0417164300"), open);
        Assert.Equal([MatchExplanation.ReferenceNotInRemittance, MatchExplanation.CounterpartyAccountDiffers], Codes(candidates, "xp_a"));
    }

    [Fact]
    public void Another_currency_or_direction_is_named_even_when_the_reference_is_found()
    {
        var open = new[]
        {
            Expected("xp_usd", "100.00", "USD", reference: "INV-7"),
            Expected("xp_debit", "100.00", direction: ExpectedDirection.Debit, reference: "INV-7"),
        };
        var candidates = MatchExplanation.Explain(Entry("100.00", "Invoice INV-7"), open);
        Assert.Equal([MatchExplanation.CurrencyDiffers], Codes(candidates, "xp_usd"));
        Assert.Equal([MatchExplanation.DirectionDiffers], Codes(candidates, "xp_debit"));
        Assert.Null(new ReceivableMatcher(open).Match(Entry("100.00", "Invoice INV-7")));
    }

    [Fact]
    public void A_range_whose_reference_is_found_but_whose_minimum_is_not_reached_says_so()
    {
        var open = new[] { Expected("xp_r", "", reference: "INV-7", min: "150.00", max: "200.00") };
        var candidates = MatchExplanation.Explain(Entry("100.00", "INV-7"), open);
        Assert.Equal([MatchExplanation.BelowRangeMinimum], Codes(candidates, "xp_r"));
    }

    [Fact]
    public void What_the_rules_take_now_is_marked_with_its_rule_and_unrelated_expected_payments_are_not_listed()
    {
        var open = new[] { Expected("xp_a", "100.00"), Expected("xp_far", "5.00"), Expected("xp_ref", "7.00", reference: "INV-9") };
        var candidates = MatchExplanation.Explain(Entry("100.00", "thanks"), open);
        var candidate = Assert.Single(candidates);
        Assert.Equal(("xp_a", MatchRule.AmountAndDate), (candidate.Spec.Id, candidate.WouldMatchBy));
        Assert.Equal([MatchExplanation.MatchesNow], candidate.Reasons.Select(r => r.Code));
    }

    [Fact]
    public void A_reference_found_for_several_gives_the_entry_to_the_first_and_the_others_are_taken_by_others()
    {
        var open = new[] { Expected("xp_a", "100.00", reference: "INV-7"), Expected("xp_b", "100.00", reference: "INV-7") };
        var candidates = MatchExplanation.Explain(Entry("100.00", "INV-7 paid"), open);
        Assert.Equal(MatchRule.ReferenceInRemittance, candidates.Single(c => c.Spec.Id == "xp_a").WouldMatchBy);
        Assert.Equal([MatchExplanation.TakenByOthers], Codes(candidates, "xp_b"));
    }

    [Fact]
    public void At_most_ten_candidates_are_listed()
    {
        var open = Enumerable.Range(0, 15).Select(i => Expected($"xp_{i:D2}", "100.00")).ToArray();
        Assert.Equal(MatchExplanation.MaxCandidates, MatchExplanation.Explain(Entry("100.00"), open).Count);
    }

    public static TheoryData<string, string?, string?, int> Grid()
    {
        var data = new TheoryData<string, string?, string?, int>();
        foreach (var amount in new[] { "100.00", "-100.00", "60.00", "250.00" })
        {
            foreach (var remittance in new[] { null, "INV-7", "RF18 5390 0754 7034 part", "something else" })
            {
                foreach (var counterparty in new[] { null, "NL91ABNA0417164300", "DE89370400440532013000" })
                {
                    foreach (var offset in new[] { 0, 20 })
                    {
                        data.Add(amount, remittance, counterparty, offset);
                    }
                }
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Grid))]
    public void The_explanation_never_disagrees_with_the_matcher(string amount, string? remittance, string? counterparty, int offset)
    {
        var open = new[]
        {
            Expected("xp_1", "100.00"),
            Expected("xp_2", "100.00", counterparty: "NL91ABNA0417164300"),
            Expected("xp_3", "250.00", reference: "INV-7"),
            Expected("xp_4", "1000.00", reference: "RF18539007547034"),
            Expected("xp_5", "", min: "50.00", max: "70.00"),
            Expected("xp_6", "100.00", direction: ExpectedDirection.Debit, counterparty: "DE89370400440532013000"),
            Expected("xp_7", "100.00", "USD"),
        };
        var entry = Entry(amount, remittance, counterparty, day: Day.AddDays(offset));
        var match = new ReceivableMatcher(open).Match(entry);
        var candidates = MatchExplanation.Explain(entry, open);
        var taken = candidates.Where(c => c.WouldMatchBy is not null).Select(c => c.Spec.Id).Order(StringComparer.Ordinal);
        Assert.Equal((match?.Allocations.Select(a => a.ExpectedPaymentId) ?? []).Order(StringComparer.Ordinal), taken);
        Assert.All(candidates, c => Assert.NotEmpty(c.Reasons));
        Assert.All(candidates.Where(c => c.WouldMatchBy is null), c => Assert.DoesNotContain(c.Reasons, r => r.Code == MatchExplanation.MatchesNow));
    }
}
