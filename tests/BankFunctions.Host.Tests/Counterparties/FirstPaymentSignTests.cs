using System.Net.Http.Json;
using BankFunctions.Features.Dispatch;
using BankFunctions.Features.Payments;
using BankFunctions.Features.Runtime;
using BankFunctions.Storage;
using BankFunctions.Storage.Queues;
using static BankFunctions.Host.Tests.Counterparties.CounterpartyApi;
using static BankFunctions.Host.Tests.Payments.PaymentApi;

namespace BankFunctions.Host.Tests.Counterparties;

/// <summary>
/// The sign stage re-checks a payment's approvals against the current rules before anything is built: for a first
/// payment to a counterparty account it must add the recorded extra approvals, as submission did (stages driven by
/// hand: the host's queue processors are off; the bank's address is configured but unused).
/// </summary>
public sealed class FirstPaymentSignTests(Api.UnreachableBankFixture fixture) : IClassFixture<Api.UnreachableBankFixture>
{
    private readonly HostFixture host = fixture.Host;

    private async Task SignAsync(string paymentId)
    {
        var sign = (await host.Services.GetRequiredService<StorageClients>().Queues.GetQueueClient(QueueNames.PaymentsSign).PeekMessagesAsync(32)).Value
            .First(m => m.Body.ToString().Contains(paymentId, StringComparison.Ordinal));
        await using var scope = host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SignPayments>().InvokeAsync(
            new QueueMessageContext(QueueNames.PaymentsSign, sign.MessageId, sign.Body.ToString(), 1, DateTimeOffset.UtcNow), default);
    }

    private async Task<(TestTenant Tenant, string PaymentId)> ApprovedFirstPaymentAsync()
    {
        var tenant = await host.CreateTenantWithAccountsAsync();
        using var submitter = host.Client(tenant.Key("submitter"));
        using var approver = host.Client(tenant.Key("approver"));
        using var admin = host.Client(tenant.Key("admin"));
        await SettingsAsync(admin, accountApprovals: 0, firstPaymentExtra: 1);
        var (id, accountId) = await CreatedAsync(submitter);
        var payment = await Json(await Submit(submitter, PaymentTo(tenant.EurAccount, id, accountId)));
        var paymentId = payment.GetProperty("id").GetString()!;
        Assert.Equal(1, payment.GetProperty("approvalsRequired").GetInt32());
        (await approver.PostAsJsonAsync($"v1/payments/{paymentId}/approve", new { })).EnsureSuccessStatusCode();
        return (tenant, paymentId);
    }

    private async Task<Storage.Rows.PaymentRow> PaymentAsync(TestTenant tenant, string id) =>
        (await host.Services.GetRequiredService<PaymentStore>().FindAsync(tenant.Id, id, default))!;

    [Fact]
    public async Task An_approved_first_payment_is_signed_when_the_rules_are_unchanged()
    {
        var (tenant, paymentId) = await ApprovedFirstPaymentAsync();
        await SignAsync(paymentId);
        var row = await PaymentAsync(tenant, paymentId);
        Assert.Equal("signing", row.Status);
    }

    [Fact]
    public async Task Tightened_rules_count_the_extra_approval_on_top_and_send_the_payment_back_to_approval()
    {
        var (tenant, paymentId) = await ApprovedFirstPaymentAsync();
        using var admin = host.Client(tenant.Key("admin"));
        // The rule now asks 1 approval; with the first-payment extra this payment needs 2 and has 1.
        await SettingsAsync(admin, accountApprovals: 0, firstPaymentExtra: 1, paymentApprovals: 1);

        await SignAsync(paymentId);

        var row = await PaymentAsync(tenant, paymentId);
        Assert.Equal(("pending_approval", 2, 1), (row.Status, row.ApprovalsRequired, row.FirstPaymentExtraApprovals));
        Assert.Null(row.FileId);
    }
}
