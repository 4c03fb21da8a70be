using BankFunctions.Features.Approvals;
using BankFunctions.Features.Auth;
using BankFunctions.Features.Counterparties;
using BankFunctions.Features.Payments;
using BankFunctions.Features.Tests.Payments;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Tests.Counterparties;

/// <summary>
/// A payment to a counterparty's account: resolved to the account's details, refused when the account is unknown or
/// not approved, and the first payment to a new or changed account needs the tenant's extra approvals — counted the
/// same at submission and at the sign stage's re-check.
/// </summary>
public sealed class CounterpartyPaymentTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 10, 0, 0, TimeSpan.Zero);
    private static readonly Caller Submitter = new(false, "t_acme", "key_sub", Role.Submitter);
    private static readonly IReadOnlyList<ApprovalRule> NoneForEur = [new("EUR", "0.00", 0)];
    private const string PaymentId = "pay_01JQ0000000000000000000000";

    private static CounterpartyAccount Account(string id, string status, string? firstPayment = null) => new(id, "iban", "GB82WEST12345698765432", "NWBKGB2L",
        null, null, null, null, status, 1, [], "key_other", Now, FirstPaymentId: firstPayment);

    private static readonly CounterpartyView Muster = new("cp_1", "Muster GmbH", null, null,
        [Account("cpa_new", CounterpartyWire.Approved), Account("cpa_paid", CounterpartyWire.Approved, "pay_0"), Account("cpa_pending", CounterpartyWire.PendingApproval)],
        null, "key_other", Now, Now);

    private static PaymentInput ToAccount(string? accountId, string? counterpartyId = "cp_1") =>
        PaymentRulesTests.EuroPayment() with { Creditor = null, CounterpartyId = counterpartyId, CounterpartyAccountId = accountId };

    private static SubmitPaymentDecision Decide(PaymentInput input, int extra, CounterpartyView? counterparty = null) =>
        SubmitPaymentDecision.Decide(input, PaymentRulesTests.Iso, TestBanks.Of(PaymentRulesTests.Iso), new ApprovalSettings(NoneForEur, 1, extra),
            counterparty ?? Muster, Submitter, PaymentId, Now);

    [Fact]
    public void The_creditor_is_the_counterpartys_approved_account()
    {
        var accepted = Assert.IsType<SubmitPaymentDecision.Accepted>(Decide(ToAccount("cpa_paid"), extra: 1));

        var p = accepted.Payment;
        Assert.Equal(("Muster GmbH", "GB82WEST12345698765432", "NWBKGB2L"), (p.CreditorName, p.CreditorIban, p.CreditorBic));
        Assert.Equal(("cp_1", "cpa_paid", false, 0, 0), (p.CounterpartyId, p.CounterpartyAccountId, p.FirstPaymentToAccount, p.FirstPaymentExtraApprovals, p.ApprovalsRequired));
        Assert.Equal("approved", p.Status);
        Assert.Null(accepted.MarkedCounterparty);
        Assert.Equal(("cp_1", "cpa_paid", false), (accepted.View.CounterpartyId, accepted.View.CounterpartyAccountId, accepted.View.FirstPaymentToAccount));
    }

    [Fact]
    public void The_first_payment_to_a_new_account_needs_the_extra_approvals_and_marks_the_account()
    {
        var accepted = Assert.IsType<SubmitPaymentDecision.Accepted>(Decide(ToAccount("cpa_new"), extra: 1));

        var p = accepted.Payment;
        Assert.Equal((true, 1, 1, "pending_approval"), (p.FirstPaymentToAccount, p.FirstPaymentExtraApprovals, p.ApprovalsRequired, p.Status));
        Assert.Null(accepted.SignMessage);
        Assert.Equal(PaymentId, accepted.MarkedCounterparty!.Accounts.Single(a => a.Id == "cpa_new").FirstPaymentId);
        // The sign stage's re-check counts the same: rules (0) + the recorded extra (1).
        Assert.Equal(p.ApprovalsRequired, PaymentApprovals.Required(NoneForEur, p));
    }

    [Fact]
    public void Without_the_setting_a_first_payment_is_noted_but_needs_nothing_more()
    {
        var accepted = Assert.IsType<SubmitPaymentDecision.Accepted>(Decide(ToAccount("cpa_new"), extra: 0));
        Assert.Equal((true, 0, "approved"), (accepted.Payment.FirstPaymentToAccount, accepted.Payment.ApprovalsRequired, accepted.Payment.Status));
        Assert.NotNull(accepted.MarkedCounterparty);
    }

    [Theory]
    [InlineData("cpa_pending", "cp_1", "counterpartyAccountId")]
    [InlineData("cpa_none", "cp_1", "counterpartyAccountId")]
    [InlineData(null, "cp_1", "counterpartyAccountId")]
    [InlineData("cpa_new", null, "counterpartyId")]
    public void An_unknown_or_unapproved_account_is_a_field_error(string? accountId, string? counterpartyId, string field)
    {
        var invalid = Assert.IsType<SubmitPaymentDecision.Invalid>(Decide(ToAccount(accountId, counterpartyId), extra: 0));
        Assert.Equal([field], invalid.Errors.Keys);
    }

    [Fact]
    public void Another_tenants_counterparty_is_unknown_and_inline_details_beside_a_reference_are_refused()
    {
        var unknown = Assert.IsType<SubmitPaymentDecision.Invalid>(SubmitPaymentDecision.Decide(ToAccount("cpa_new"), PaymentRulesTests.Iso,
            TestBanks.Of(PaymentRulesTests.Iso), ApprovalSettings.Default, null, Submitter, PaymentId, Now));
        Assert.Equal(["counterpartyId"], unknown.Errors.Keys);

        var both = Assert.IsType<SubmitPaymentDecision.Invalid>(Decide(PaymentRulesTests.EuroPayment() with { CounterpartyId = "cp_1", CounterpartyAccountId = "cpa_new" }, 0));
        Assert.Equal(["creditor"], both.Errors.Keys);
    }

    [Fact]
    public void The_sign_stage_adds_the_recorded_extra_to_the_current_rules()
    {
        IReadOnlyList<ApprovalRule> two = [new("EUR", "0.00", 2)];
        var row = new PaymentRow { Amount = "125.00", Currency = "EUR", FirstPaymentExtraApprovals = 1 };
        Assert.Equal(3, PaymentApprovals.Required(two, row));
        Assert.Equal(2, PaymentApprovals.Required(two, new PaymentRow { Amount = "125.00", Currency = "EUR" }));
    }
}
