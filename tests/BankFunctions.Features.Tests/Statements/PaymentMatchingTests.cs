using BankFunctions.Domain;
using BankFunctions.Features.Statements;
using BankFunctions.Formats.Statements;

namespace BankFunctions.Features.Tests.Statements;

/// <summary>
/// Reconciliation decisions (README "Reconciliation"): which payment a statement entry books or returns — by our
/// reference with the same money (amount and currency), or, for a debit without any reference, the one open payment
/// of the same money executed up to five days before.
/// </summary>
public sealed class PaymentMatchingTests
{
    private static readonly Dictionary<string, ReferencedPayment> Index = new(StringComparer.Ordinal)
    {
        ["E2E-PAY-1"] = new("pay_1", Money.Parse("125.00", "EUR")),
        ["E2E-PAY-2"] = new("pay_2", Money.Parse("80.00", "EUR")),
        ["Y20261204001"] = new("pay_3", Money.Parse("8800.00", "CNY")),
    };

    private static StatementEntry Debit(decimal amount, string? endToEnd = null, string? currency = null, string day = "2026-12-04") => new()
    {
        Amount = -amount,
        Currency = currency,
        Status = EntryStatus.Booked,
        BookingDate = DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture),
        EndToEndId = endToEnd,
        BankReference = "BANKREF1",
    };

    [Fact]
    public void A_debit_with_our_reference_and_the_same_money_completes_the_payment()
    {
        var match = PaymentMatching.ByReference(Debit(125.00m, "E2E-PAY-1"), "EUR", "BANKREF1", Index);
        var effect = Assert.Single(match.Effects);
        Assert.Equal(new PaymentEffect("pay_1", false, null, null, "BANKREF1"), effect);
        Assert.Empty(match.Mismatches);
        Assert.False(match.WithoutReference);
    }

    [Fact]
    public void The_same_amount_in_another_scale_is_the_same_money()
    {
        Assert.Single(PaymentMatching.ByReference(Debit(125.0m, "E2E-PAY-1"), "EUR", null, Index).Effects);
    }

    [Fact]
    public void A_usd_entry_never_settles_a_eur_payment_of_the_same_number()
    {
        var match = PaymentMatching.ByReference(Debit(125.00m, "E2E-PAY-1", currency: "USD"), "USD", "BANKREF1", Index);
        Assert.Empty(match.Effects);
        var mismatch = Assert.Single(match.Mismatches);
        Assert.Equal("pay_1", mismatch.PaymentId);
        Assert.Equal("Entry BANKREF1 carries the reference of payment pay_1 but 125.00 USD ≠ 125.00 EUR; not reconciled.", mismatch.Describe("BANKREF1"));
        Assert.False(match.WithoutReference);
    }

    [Fact]
    public void A_batch_transaction_in_another_currency_is_a_mismatch_while_its_siblings_match()
    {
        var entry = Debit(205.00m) with
        {
            Details =
            [
                new EntryDetail { Amount = 125.00m, EndToEndId = "E2E-PAY-1" },
                new EntryDetail { Amount = 80.00m, Currency = "CHF", EndToEndId = "E2E-PAY-2" },
            ],
        };
        var match = PaymentMatching.ByReference(entry, "EUR", "BANKREF1", Index);
        Assert.Equal(["pay_1"], match.Effects.Select(e => e.PaymentId));
        Assert.Equal(["pay_2"], match.Mismatches.Select(m => m.PaymentId));
    }

    [Fact]
    public void Another_amount_under_our_reference_is_a_mismatch_not_a_match()
    {
        var match = PaymentMatching.ByReference(Debit(125.01m, "E2E-PAY-1"), "EUR", "BANKREF1", Index);
        Assert.Empty(match.Effects);
        Assert.Equal("Entry X carries the reference of payment pay_1 but 125.01 EUR ≠ 125.00 EUR; not reconciled.", Assert.Single(match.Mismatches).Describe("X"));
    }

    [Fact]
    public void An_amount_its_currency_cannot_hold_is_never_the_payments_money()
    {
        var match = PaymentMatching.ByReference(Debit(125.001m, "E2E-PAY-1"), "EUR", null, Index);
        Assert.Empty(match.Effects);
        Assert.Single(match.Mismatches);
    }

    [Fact]
    public void Each_transaction_of_a_batch_booking_settles_its_own_payment()
    {
        var entry = Debit(205.00m) with
        {
            Details = [new EntryDetail { Amount = 125.00m, EndToEndId = "E2E-PAY-1" }, new EntryDetail { Amount = 80.00m, EndToEndId = "E2E-PAY-2" }],
        };
        var match = PaymentMatching.ByReference(entry, "EUR", "BANKREF1", Index);
        Assert.Equal(["pay_1", "pay_2"], match.Effects.Select(e => e.PaymentId));
    }

    [Fact]
    public void A_return_credit_with_return_info_returns_the_payment_with_the_banks_reason()
    {
        var entry = new StatementEntry { Amount = 125.00m, Status = EntryStatus.Booked, EndToEndId = "E2E-PAY-1", ReturnInfo = "AC04" };
        var effect = Assert.Single(PaymentMatching.ByReference(entry, "EUR", "RET-1", Index).Effects);
        Assert.Equal(new PaymentEffect("pay_1", true, "Returned by the bank (AC04)", "AC04", "RET-1"), effect);
    }

    [Fact]
    public void A_reversal_returns_the_payment()
    {
        var entry = Debit(125.00m, "E2E-PAY-1") with { IsReversal = true };
        var effect = Assert.Single(PaymentMatching.ByReference(entry, "EUR", null, Index).Effects);
        Assert.True(effect.Returned);
        Assert.Equal("Reversed by the bank", effect.Reason);
    }

    [Fact]
    public void The_cmb_style_refund_credit_is_found_by_its_customer_reference()
    {
        var entry = new StatementEntry { Amount = 8800.00m, Status = EntryStatus.Booked, CustomerReference = "Y20261204001", RemittanceInformation = "退票" };
        var effect = Assert.Single(PaymentMatching.ByReference(entry, "CNY", null, Index).Effects);
        Assert.Equal(new PaymentEffect("pay_3", true, "Returned by the bank: 退票", null, null), effect);
    }

    [Fact]
    public void An_incoming_credit_is_not_looked_up_by_the_payers_end_to_end_id()
    {
        var credit = new StatementEntry { Amount = 125.00m, Status = EntryStatus.Booked, EndToEndId = "E2E-PAY-1" };
        Assert.DoesNotContain("E2E-PAY-1", PaymentMatching.References(credit));
        Assert.Empty(PaymentMatching.ByReference(credit, "EUR", null, Index).Effects);
        Assert.Contains("E2E-PAY-1", PaymentMatching.References(Debit(1m, "E2E-PAY-1")));
    }

    [Theory]
    [InlineData("NOTPROVIDED")]
    [InlineData("NONREF")]
    [InlineData(" ")]
    public void Placeholder_references_are_no_references(string placeholder)
    {
        var match = PaymentMatching.ByReference(Debit(125.00m, placeholder), "EUR", null, Index);
        Assert.Empty(PaymentMatching.References(Debit(125.00m, placeholder)));
        Assert.True(match.WithoutReference);
    }

    [Fact]
    public void An_unknown_reference_leaves_the_debit_unmatched_and_not_for_amount_matching()
    {
        var match = PaymentMatching.ByReference(Debit(125.00m, "SOMEONE-ELSE"), "EUR", null, Index);
        Assert.Empty(match.Effects);
        Assert.Empty(match.Mismatches);
        Assert.False(match.WithoutReference);
    }

    private static readonly OpenPayment Open1 = new("pay_10", Money.Parse("500.00", "EUR"), new DateOnly(2026, 12, 1));
    private static readonly OpenPayment Open2 = new("pay_11", Money.Parse("75.00", "EUR"), new DateOnly(2026, 12, 1));

    [Theory]
    [InlineData("2026-12-01", true)] // the execution day
    [InlineData("2026-12-06", true)] // five days after
    [InlineData("2026-12-07", false)] // six days after
    [InlineData("2026-11-30", false)] // before execution
    public void A_debit_without_reference_books_the_one_open_payment_of_its_money_within_five_days(string day, bool matches)
    {
        var found = PaymentMatching.ByAmountAndDate([(Debit(500.00m, day: day), "EUR")], [Open1, Open2]);
        Assert.Equal(matches ? Open1 : null, Assert.Single(found));
    }

    [Fact]
    public void Without_reference_the_currency_must_match_too()
    {
        Assert.Null(Assert.Single(PaymentMatching.ByAmountAndDate([(Debit(500.00m, currency: "USD", day: "2026-12-02"), "USD")], [Open1])));
    }

    [Fact]
    public void Two_open_payments_that_fit_are_ambiguous_and_left_for_a_person()
    {
        var twin = Open1 with { PaymentId = "pay_12" };
        Assert.Null(Assert.Single(PaymentMatching.ByAmountAndDate([(Debit(500.00m, day: "2026-12-02"), "EUR")], [Open1, twin])));
    }

    [Fact]
    public void A_payment_taken_by_one_entry_is_not_offered_to_the_next()
    {
        var found = PaymentMatching.ByAmountAndDate([(Debit(500.00m, day: "2026-12-02"), "EUR"), (Debit(500.00m, day: "2026-12-03"), "EUR")], [Open1]);
        Assert.Equal([Open1, null], found);
    }

    [Fact]
    public void A_payment_without_an_execution_date_never_fits()
    {
        Assert.Null(Assert.Single(PaymentMatching.ByAmountAndDate([(Debit(500.00m, day: "2026-12-02"), "EUR")], [Open1 with { ExecutionDate = null }])));
    }
}
