using BankFunctions.Domain;
using BankFunctions.Features.Receivables;

namespace BankFunctions.Features.Tests.Receivables;

/// <summary>
/// The matching rules of <see cref="ReceivableMatcher"/> one by one, in their order, with the cases that must not match
/// (other currency, other direction, ambiguous amount, outside the window).
/// </summary>
public sealed class ReceivableMatcherTests
{
    // ISO 11649's own example (check digits 18) and one computed for this test (RF71 + "INV42": 71 verified by mod 97 = 1).
    private const string Rf = "RF18539007547034";

    private static readonly DateOnly Day = new(2026, 12, 4);

    private static ExpectedPayment Expected(string id, string amount, string currency = "EUR", ExpectedDirection direction = ExpectedDirection.Credit,
        string? reference = null, string? counterparty = null, string? pattern = null, DateOnly? from = null, DateOnly? to = null, string? min = null, string? max = null)
    {
        var exact = min is null ? Money.Parse(amount, currency) : (Money?)null;
        var refKey = RemittanceWords.Key(reference);
        return new ExpectedPayment(id, direction, Currency.Find(currency)!, exact,
            min is null ? null : Money.Parse(min, currency), max is null ? null : Money.Parse(max, currency),
            exact ?? Money.Parse(max!, currency), from ?? Day.AddDays(-10), to ?? Day.AddDays(10),
            RemittanceWords.Key(counterparty), refKey, RemittanceWords.Split(reference).Count,
            Domain.Receivables.CreditorReference.TryNormalize(reference), pattern);
    }

    private static MatchableEntry Entry(string amount, string? remittance = null, string? counterparty = null, string currency = "EUR", DateOnly? day = null) =>
        new("e1", Money.Parse(amount, currency), day ?? Day, RemittanceWords.Key(counterparty), remittance);

    [Fact]
    public void Rule_1_an_RF_reference_in_the_remittance_settles_its_expected_payment_even_when_another_rule_would_pick_another()
    {
        var matcher = new ReceivableMatcher([
            Expected("xp_a", "100.00", counterparty: "DE89370400440532013000"),
            Expected("xp_b", "100.00", reference: "RF18 5390 0754 7034"),
        ]);
        var match = matcher.Match(Entry("100.00", "Invoice RF18 5390 0754 7034", counterparty: "DE89370400440532013000"));
        Assert.Equal(MatchRule.StructuredReference, match!.Rule);
        Assert.Equal("xp_b", Assert.Single(match.Allocations).ExpectedPaymentId);
    }

    [Fact]
    public void Rule_1_a_code_that_is_the_whole_postscript_is_structured_and_is_taken_before_a_reference_found_among_words()
    {
        var matcher = new ReceivableMatcher([
            Expected("xp_a", "88.00", "CNY", reference: "货款 A7"),
            Expected("xp_b", "88.00", "CNY", reference: "HK2026-009"),
        ]);
        var match = matcher.Match(Entry("88.00", "HK2026009", currency: "CNY"));
        Assert.Equal(MatchRule.StructuredReference, match!.Rule);
        Assert.Equal("xp_b", match.Allocations[0].ExpectedPaymentId);
        Assert.Equal(MatchRule.StructuredReference, new ReceivableMatcher([Expected("xp_c", "88.00", "CNY", reference: "货款 A7")])
            .Match(Entry("88.00", "货款A7", currency: "CNY"))!.Rule);
    }

    [Fact]
    public void An_RF_reference_with_wrong_check_digits_is_not_structured()
    {
        Assert.Null(Domain.Receivables.CreditorReference.TryNormalize("RF19539007547034"));
        var matcher = new ReceivableMatcher([Expected("xp_b", "100.00", reference: Rf)]);
        Assert.Null(matcher.Match(Entry("50.00", "pay RF19 5390 0754 7034")));
    }

    [Fact]
    public void Rule_2_the_reference_is_found_as_words_of_the_remittance_without_case_or_punctuation_but_never_inside_a_word()
    {
        var matcher = new ReceivableMatcher([Expected("xp_a", "250.00", reference: "INV-2026/001"), Expected("xp_b", "250.00", reference: "INV1")]);
        var match = matcher.Match(Entry("250.00", "payment for inv 2026 001, thank you"));
        Assert.Equal(MatchRule.ReferenceInRemittance, match!.Rule);
        Assert.Equal("xp_a", Assert.Single(match.Allocations).ExpectedPaymentId);
        Assert.Null(new ReceivableMatcher([Expected("xp_b", "99.00", reference: "INV1")]).Match(Entry("250.00", "INV12")));
    }

    [Fact]
    public void Rule_2_a_remittance_pattern_matches_the_whole_text_with_wildcards()
    {
        var matcher = new ReceivableMatcher([Expected("xp_p", "10.00", pattern: "*contract ?7*")]);
        Assert.Equal(MatchRule.ReferenceInRemittance, matcher.Match(Entry("10.00", "Rent CONTRACT 17 December"))!.Rule);
        Assert.Null(new ReceivableMatcher([Expected("xp_p", "99.00", pattern: "*contract ?7*")]).Match(Entry("10.00", "Rent contract 18")));
    }

    [Fact]
    public void Rule_3_amount_and_counterparty_account_inside_the_window_takes_the_window_that_ends_first()
    {
        var matcher = new ReceivableMatcher([
            Expected("xp_late", "75.00", counterparty: "NL91ABNA0417164300", to: Day.AddDays(30)),
            Expected("xp_soon", "75.00", counterparty: "NL91 ABNA 0417 1643 00", to: Day.AddDays(5)),
            Expected("xp_other", "75.00", counterparty: "NL02RABO0123456789"),
        ]);
        var match = matcher.Match(Entry("75.00", "no reference", counterparty: "nl91abna0417164300"));
        Assert.Equal(MatchRule.AmountAndCounterparty, match!.Rule);
        Assert.Equal("xp_soon", Assert.Single(match.Allocations).ExpectedPaymentId);
    }

    [Fact]
    public void Rule_3_needs_the_day_inside_the_window()
    {
        var matcher = new ReceivableMatcher([Expected("xp_a", "75.00", counterparty: "NL91ABNA0417164300", from: Day.AddDays(1))]);
        Assert.Null(matcher.Match(Entry("75.00", counterparty: "NL91ABNA0417164300")));
    }

    [Fact]
    public void Rule_4_amount_and_date_settles_only_when_exactly_one_expected_payment_fits()
    {
        var unique = new ReceivableMatcher([Expected("xp_a", "31.40"), Expected("xp_b", "31.41")]);
        var match = unique.Match(Entry("31.40"));
        Assert.Equal(MatchRule.AmountAndDate, match!.Rule);
        Assert.Equal("xp_a", match.Allocations[0].ExpectedPaymentId);

        var ambiguous = new ReceivableMatcher([Expected("xp_a", "31.40"), Expected("xp_b", "31.40")]);
        Assert.Null(ambiguous.Match(Entry("31.40")));
    }

    [Fact]
    public void Rule_4_excludes_an_expected_payment_whose_counterparty_account_differs()
    {
        var matcher = new ReceivableMatcher([Expected("xp_a", "31.40", counterparty: "NL02RABO0123456789")]);
        Assert.Null(matcher.Match(Entry("31.40", counterparty: "NL91ABNA0417164300")));
        Assert.NotNull(matcher.Match(Entry("31.40")));
    }

    [Fact]
    public void A_range_is_settled_whole_by_one_entry_inside_it_and_never_in_parts()
    {
        var matcher = new ReceivableMatcher([Expected("xp_r", "0", min: "90.00", max: "110.00")]);
        Assert.Null(matcher.Match(Entry("89.99")));
        var match = matcher.Match(Entry("104.50"));
        var allocation = Assert.Single(match!.Allocations);
        Assert.Equal(Money.Parse("104.50", "EUR"), allocation.Amount);
        Assert.Equal(ExpectedPaymentStatus.Reconciled, allocation.StatusAfter);
        Assert.Equal(0, matcher.OpenCount);
    }

    [Fact]
    public void A_reference_settles_in_parts_and_the_rest_stays_open_until_paid()
    {
        var matcher = new ReceivableMatcher([Expected("xp_a", "1000.00", reference: "INV-77")]);
        var first = Assert.Single(matcher.Match(Entry("400.00", "INV-77 part 1"))!.Allocations);
        Assert.Equal(ExpectedPaymentStatus.PartiallyReconciled, first.StatusAfter);
        Assert.Equal(Money.Parse("600.00", "EUR"), first.RemainingAfter);

        // The rest is now the open amount: amount + date finds it by what is still open.
        var second = Assert.Single(matcher.Match(Entry("600.00", "rest"))!.Allocations);
        Assert.Equal(ExpectedPaymentStatus.Reconciled, second.StatusAfter);
        Assert.True(second.RemainingAfter.IsZero);
        Assert.Null(matcher.Match(Entry("600.00", "INV-77 again")));
    }

    [Fact]
    public void One_entry_settles_several_expected_payments_in_the_order_their_references_appear_and_keeps_a_surplus_unallocated()
    {
        var matcher = new ReceivableMatcher([Expected("xp_1", "100.00", reference: "INV-1"), Expected("xp_2", "50.00", reference: "INV-2"), Expected("xp_3", "70.00", reference: "INV-3")]);
        var match = matcher.Match(Entry("180.00", "INV-2 INV-1 INV-3"))!;
        Assert.Equal(["xp_2", "xp_1", "xp_3"], match.Allocations.Select(a => a.ExpectedPaymentId));
        Assert.Equal([50.00m, 100.00m, 30.00m], match.Allocations.Select(a => a.Amount.Amount));
        Assert.Equal(ExpectedPaymentStatus.PartiallyReconciled, match.Allocations[2].StatusAfter);

        var over = new ReceivableMatcher([Expected("xp_1", "100.00", reference: "INV-1")]).Match(Entry("130.00", "INV-1"))!;
        Assert.Equal(100.00m, Assert.Single(over.Allocations).Amount.Amount);
    }

    [Fact]
    public void Another_currency_never_matches_by_any_rule()
    {
        var matcher = new ReceivableMatcher([Expected("xp_a", "100.00", "EUR", reference: Rf, counterparty: "DE89370400440532013000")]);
        Assert.Null(matcher.Match(Entry("100.00", Rf, counterparty: "DE89370400440532013000", currency: "USD")));
        Assert.Null(matcher.Match(Entry("100.00", "INV " + Rf, currency: "USD")));
    }

    [Fact]
    public void A_debit_settles_only_expected_debits_and_a_credit_only_expected_credits()
    {
        var matcher = new ReceivableMatcher([Expected("xp_in", "60.00", reference: "SUB-9"), Expected("xp_out", "60.00", direction: ExpectedDirection.Debit, reference: "SUB-9")]);
        Assert.Equal("xp_out", matcher.Match(Entry("-60.00", "SUB-9"))!.Allocations.Single().ExpectedPaymentId);
        Assert.Equal("xp_in", matcher.Match(Entry("60.00", "SUB-9"))!.Allocations.Single().ExpectedPaymentId);
    }
}
