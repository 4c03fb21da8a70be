using BankFunctions.Domain;
using BankFunctions.Features.Payments;
using BankFunctions.Features.Receivables;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Tests.Receivables;

/// <summary>What POST /v1/expected-payments accepts, and how a settlement is written into an expected payment's row.</summary>
public sealed class ExpectedPaymentRulesTests
{
    private static readonly AccountRow Eur = new() { AccountId = "acc_1", Currency = "EUR" };
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 8, 0, 0, TimeSpan.Zero);

    private static ExpectedPaymentInput Input(AmountInput? amount = null, AmountRangeInput? range = null, string? reference = null, string from = "2026-12-01", string to = "2026-12-31") =>
        new("acc_1", "credit", amount ?? (range is null ? new AmountInput("EUR", "100.00") : null), range, new DateWindowInput(from, to), null, reference, null, null, null);

    private static ExpectedPaymentRow Valid(ExpectedPaymentInput input) =>
        Assert.IsType<ExpectedPaymentRules.Valid>(ExpectedPaymentRules.Check(input, Eur, "t1", "xp_1", "key1", Now)).Row;

    private static IReadOnlyDictionary<string, string[]> Errors(ExpectedPaymentInput input, AccountRow? account = null) =>
        Assert.IsType<ExpectedPaymentRules.Invalid>(ExpectedPaymentRules.Check(input, account ?? Eur, "t1", "xp_1", "key1", Now)).Errors;

    [Fact]
    public void A_valid_expected_payment_starts_open_with_everything_remaining()
    {
        var row = Valid(Input(reference: "rf18 5390 0754 7034"));
        Assert.Equal(("open", "100.00", "100.00"), (row.Status, row.Amount, row.RemainingAmount));
        Assert.Equal("rf18 5390 0754 7034", row.Reference);
        Assert.Equal("RF18539007547034", ExpectedPaymentRows.ToMatchable(row).CreditorReference);
        var range = Valid(Input(range: new AmountRangeInput("EUR", "90.00", "110.00")));
        Assert.Equal((null, "90.00", "110.00", "110.00"), (range.Amount, range.MinAmount, range.MaxAmount, range.RemainingAmount));
    }

    [Theory]
    [InlineData("RF19 5390 0754 7034", "reference")] // wrong check digits
    [InlineData("--", "reference")]
    public void A_bad_reference_is_named(string reference, string field) => Assert.Contains(field, Errors(Input(reference: reference)).Keys);

    [Fact]
    public void Amounts_windows_and_the_account_are_checked()
    {
        Assert.Contains("amount", Errors(Input(new AmountInput("EUR", "1.00"), new AmountRangeInput("EUR", "1.00", "2.00"))).Keys);
        Assert.Contains("amount.value", Errors(Input(new AmountInput("EUR", "0.00"))).Keys);
        Assert.Contains("amount.value", Errors(Input(new AmountInput("JPY", "1.5"))).Keys);
        Assert.Contains("amount.currency", Errors(Input(new AmountInput("USD", "1.00"))).Keys);
        Assert.Contains("window.to", Errors(Input(from: "2026-12-02", to: "2026-12-01")).Keys);
        Assert.Contains("window.to", Errors(Input(from: "2026-01-01", to: "2027-01-02")).Keys);
        Assert.Contains("window.from", Errors(Input(from: "1.12.2026")).Keys);
        Assert.Contains("accountId", Assert.IsType<ExpectedPaymentRules.Invalid>(ExpectedPaymentRules.Check(Input(), null, "t1", "xp_1", "key1", Now)).Errors.Keys);
    }

    [Fact]
    public void A_settlement_never_takes_more_than_is_open_and_never_touches_a_closed_one()
    {
        var row = Valid(Input(new AmountInput("EUR", "100.00")));
        var settlement = new SettlementView("e1", "acc_1", new MoneyView("EUR", "0"), "2026-12-04", "amount_and_date", Now);
        Assert.True(ExpectedPaymentRows.Apply(row, Money.Of(60m, "EUR"), settlement, Now));
        Assert.Equal(("partially_reconciled", "40.00"), (row.Status, row.RemainingAmount));
        Assert.True(ExpectedPaymentRows.Apply(row, Money.Of(70m, "EUR"), settlement, Now));
        Assert.Equal(("reconciled", "0.00"), (row.Status, row.RemainingAmount));
        Assert.Equal(["60.00", "40.00"], ExpectedPaymentRows.Settlements(row).Select(s => s.Amount.Value));
        Assert.False(ExpectedPaymentRows.Apply(row, Money.Of(1m, "EUR"), settlement, Now));

        var cancelled = Valid(Input());
        cancelled.Status = "cancelled";
        Assert.False(ExpectedPaymentRows.Apply(cancelled, Money.Of(1m, "EUR"), settlement, Now));
    }
}
