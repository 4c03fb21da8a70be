using BankFunctions.Features.Approvals;
using BankFunctions.Features.Auth;
using BankFunctions.Features.Payments;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Tests.Payments;

/// <summary>
/// POST /v1/payments as a pure decision: the tenant's approval thresholds choose the first status, and with it whether
/// the outbox row, ready marker and sign message come along; bad input gives field errors and no rows.
/// </summary>
public sealed class SubmitPaymentDecisionTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 10, 0, 0, TimeSpan.Zero);
    private static readonly Caller Submitter = new(false, "t_acme", "key_sub", Role.Submitter);
    /// <summary>No approval under 100 EUR, one from 100 EUR (a tenant without a matching rule needs one).</summary>
    private static readonly IReadOnlyList<ApprovalRule> OneFrom100Eur = [new("EUR", "0.00", 0), new("EUR", "100.00", 1)];
    private static readonly IReadOnlyList<ApprovalRule> NoneForEur = [new("EUR", "0.00", 0)];

    private static SubmitPaymentDecision Decide(PaymentInput input, IReadOnlyList<ApprovalRule> rules, AccountRow? debtor = null)
    {
        debtor ??= PaymentRulesTests.Iso;
        return SubmitPaymentDecision.Decide(input, debtor, TestBanks.Of(debtor), rules, Submitter, "pay_01JQ0000000000000000000000", Now);
    }

    [Theory]
    [InlineData("99.99", "approved")]
    [InlineData("100.00", "pending_approval")]
    [InlineData("125.00", "pending_approval")]
    public void The_threshold_chooses_the_first_status(string amount, string status)
    {
        var accepted = Assert.IsType<SubmitPaymentDecision.Accepted>(Decide(PaymentRulesTests.EuroPayment(value: amount), OneFrom100Eur));

        Assert.Equal(status, accepted.Payment.Status);
        Assert.Equal(status, accepted.View.Status);
    }

    [Fact]
    public void A_payment_that_needs_approval_writes_its_list_entry_only_and_queues_nothing()
    {
        var accepted = Assert.IsType<SubmitPaymentDecision.Accepted>(Decide(PaymentRulesTests.EuroPayment(), OneFrom100Eur));

        Assert.Equal(1, accepted.Payment.ApprovalsRequired);
        Assert.Equal([typeof(ListEntryRow)], accepted.Rows.Select(r => r.GetType()));
        Assert.Null(accepted.SignMessage);
    }

    [Fact]
    public void A_payment_under_every_threshold_goes_to_signing_with_its_outbox_row_in_the_same_write()
    {
        var accepted = Assert.IsType<SubmitPaymentDecision.Accepted>(Decide(PaymentRulesTests.EuroPayment(), NoneForEur));

        Assert.Equal(0, accepted.Payment.ApprovalsRequired);
        Assert.Equal([typeof(ListEntryRow), typeof(OutboxRow), typeof(ReadyPaymentRow)], accepted.Rows.Select(r => r.GetType()));
        var outbox = accepted.Rows.OfType<OutboxRow>().Single();
        Assert.Equal(accepted.SignMessage, outbox.Message);
        Assert.Contains("pay_01JQ0000000000000000000000", accepted.SignMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rule_in_another_currency_does_not_apply()
    {
        var accepted = Assert.IsType<SubmitPaymentDecision.Accepted>(Decide(PaymentRulesTests.EuroPayment(value: "5000.00"), [new("CNY", "0.00", 0)]));

        Assert.Equal("pending_approval", accepted.Payment.Status);
        Assert.Equal(ApprovalPolicy.DefaultApprovals, accepted.Payment.ApprovalsRequired);
    }

    [Fact]
    public void Bad_input_gives_field_errors_and_writes_nothing()
    {
        var invalid = Assert.IsType<SubmitPaymentDecision.Invalid>(Decide(PaymentRulesTests.EuroPayment(value: "12.345", iban: "DE00"), OneFrom100Eur));

        Assert.Contains("amount.value", invalid.Errors.Keys);
        Assert.Contains("creditor.iban", invalid.Errors.Keys);
    }

    [Fact]
    public void An_unknown_debtor_account_is_a_field_error()
    {
        var decision = SubmitPaymentDecision.Decide(PaymentRulesTests.EuroPayment(), null, null, OneFrom100Eur, Submitter, "pay_01JQ0000000000000000000000", Now);

        Assert.Contains("debtorAccountId", Assert.IsType<SubmitPaymentDecision.Invalid>(decision).Errors.Keys);
    }
}
