using BankFunctions.Domain;
using BankFunctions.Features.ManualMatching;
using BankFunctions.Features.Receivables;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Tests.Receivables;

/// <summary>The checks of tying a debit entry to our own payments by hand (<see cref="ManualPaymentRules"/>, issue #17).</summary>
public sealed class ManualPaymentRulesTests
{
    private static PaymentRow Payment(string id, string amount, string status = "sent", string currency = "EUR", string account = "acc_1") => new()
    {
        PaymentId = id, DebtorAccountId = account, Currency = currency, Amount = amount, Status = status, StatusHistory = "[]",
    };

    private static Dictionary<string, PaymentRow> Found(params PaymentRow[] rows) => rows.ToDictionary(r => r.PaymentId);

    private static ManualPaymentRules.Result Check(string?[] ids, string entry, IReadOnlyDictionary<string, PaymentRow> found,
        string[]? tiedHere = null, string[]? expected = null, Dictionary<string, string?>? amounts = null, string entryCurrency = "EUR") =>
        ManualPaymentRules.Check(new MatchInput(expected, ids, amounts, "bank lost our reference"), "acc_1", Money.Parse(entry, entryCurrency), found,
            (tiedHere ?? []).ToHashSet(StringComparer.Ordinal));

    private static IReadOnlyDictionary<string, string[]> Errors(ManualPaymentRules.Result result) => Assert.IsType<ManualPaymentRules.Invalid>(result).Errors;

    [Fact]
    public void Sent_and_accepted_payments_that_total_the_debit_are_completed()
    {
        var valid = Assert.IsType<ManualPaymentRules.Valid>(Check(["pay_a", "pay_b"], "-250.00",
            Found(Payment("pay_a", "100.00"), Payment("pay_b", "150.00", "accepted"))));
        Assert.Equal(["pay_a", "pay_b"], valid.ToComplete.Select(p => p.PaymentId));
        Assert.Equal("bank lost our reference", valid.Reason);
    }

    [Fact]
    public void Each_payment_is_checked_and_named_by_its_index()
    {
        var errors = Errors(Check(["pay_gone", "pay_other_account", "pay_usd", "pay_done", "pay_draft", "pay_ok"], "-100.00",
            Found(Payment("pay_other_account", "100.00", account: "acc_2"), Payment("pay_usd", "100.00", currency: "USD"),
                Payment("pay_done", "100.00", "completed"), Payment("pay_draft", "100.00", "pending_approval"), Payment("pay_ok", "100.00"))));
        Assert.Equal(["paymentIds[0]", "paymentIds[1]", "paymentIds[2]", "paymentIds[3]", "paymentIds[4]"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("not a payment of this tenant", errors["paymentIds[0]"][0]);
        Assert.Contains("another account", errors["paymentIds[1]"][0]);
        Assert.Contains("USD", errors["paymentIds[2]"][0]);
        Assert.Contains("another entry booked it", errors["paymentIds[3]"][0]);
        Assert.Contains("only sent or accepted", errors["paymentIds[4]"][0]);
    }

    [Theory]
    [InlineData("-99.99")]
    [InlineData("-100.01")]
    public void The_payments_must_total_the_entry_exactly(string entry)
    {
        Assert.Contains("total 100.00 EUR", Errors(Check(["pay_a"], entry, Found(Payment("pay_a", "100.00"))))["paymentIds"][0]);
    }

    [Fact]
    public void Only_a_debit_is_tied_to_payments()
    {
        Assert.Contains("entryId", Errors(Check(["pay_a"], "100.00", Found(Payment("pay_a", "100.00")))).Keys);
    }

    [Fact]
    public void The_shape_of_the_request_is_checked_first()
    {
        var found = Found(Payment("pay_a", "10.00"));
        Assert.Contains("paymentIds", Errors(Check([], "-10.00", found)).Keys);
        Assert.Contains("paymentIds", Errors(Check(["pay_a", "pay_a"], "-20.00", found)).Keys);
        Assert.Contains("paymentIds", Errors(Check(Enumerable.Range(0, ManualPaymentRules.MaxPayments + 1).Select(i => (string?)$"pay_{i}").ToArray(), "-10.00", found)).Keys);
        Assert.Contains("expectedPaymentIds", Errors(Check(["pay_a"], "-10.00", found, expected: ["xp_a"])).Keys);
        Assert.Contains("amounts", Errors(Check(["pay_a"], "-10.00", found, amounts: new() { ["pay_a"] = "10.00" })).Keys);
        Assert.Contains("paymentIds[0]", Errors(Check([null], "-10.00", found)).Keys);
    }

    [Fact]
    public void A_rerun_after_a_crash_takes_payments_this_entry_completed_as_done()
    {
        var found = Found(Payment("pay_a", "60.00", "completed"), Payment("pay_b", "40.00"));
        var valid = Assert.IsType<ManualPaymentRules.Valid>(Check(["pay_a", "pay_b"], "-100.00", found, tiedHere: ["pay_a", "pay_b"]));
        Assert.Equal(["pay_a", "pay_b"], valid.Payments.Select(p => p.PaymentId));
        Assert.Equal(["pay_b"], valid.ToComplete.Select(p => p.PaymentId));
        // Completed by another entry: not done here.
        Assert.Contains("paymentIds[0]", Errors(Check(["pay_a", "pay_b"], "-100.00", found)).Keys);
    }
}
