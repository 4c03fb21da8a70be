using System.Net.Http.Json;
using System.Text;
using BankFunctions.Storage;
using static BankFunctions.Host.Tests.Counterparties.CounterpartyApi;
using static BankFunctions.Host.Tests.Payments.PaymentApi;

namespace BankFunctions.Host.Tests.EndToEnd;

/// <summary>
/// A payment that names a counterparty's approved account, through the queues to BankSim: the file the bank receives
/// carries the counterparty's name and IBAN; the first payment to the account waits for its extra approval and, once
/// given, is not sent back to pending_approval by the sign stage's re-check.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class CounterpartyEndToEndTests(EndToEndFixture e2e)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task A_first_payment_to_an_approved_counterparty_account_is_approved_once_more_and_completes_with_its_details()
    {
        var o = await e2e.OnboardAsync(pullSchedule: "0 0 0 1 1 *");
        using var submitter = e2e.Host.Client(o.Tenant.Key("submitter"));
        using var approver = e2e.Host.Client(o.Tenant.Key("approver"));
        using var admin = e2e.Host.Client(o.Tenant.Key("admin"));
        await SettingsAsync(admin, accountApprovals: 1, firstPaymentExtra: 1);
        var (id, accountId) = await CreatedAsync(submitter, Body("Lieferant Nord GmbH", "FR1420041010050500013M02606"));
        (await DecideAsync(approver, id, accountId, "approve")).EnsureSuccessStatusCode();

        var created = await Json(await Submit(submitter, PaymentTo(o.EurAccount, id, accountId, "310.00")));
        var paymentId = created.GetProperty("id").GetString()!;
        Assert.Equal("pending_approval", created.GetProperty("status").GetString());
        (await approver.PostAsJsonAsync($"v1/payments/{paymentId}/approve", new { reason = "first payment to this IBAN" })).EnsureSuccessStatusCode();

        var done = await e2e.WaitForAsync(o.Tenant, paymentId, Timeout, "completed", "rejected", "failed");
        Assert.Equal("completed", done.GetProperty("status").GetString());
        var history = done.GetProperty("statusHistory").EnumerateArray().Select(h => h.GetProperty("status").GetString()).ToList();
        Assert.Equal(["pending_approval", "approved", "signing", "sent"], history.Take(4));
        Assert.Equal(1, await e2e.ExecutionsAsync(done.GetProperty("bankReference").GetString()!));
        var (content, _) = await StoredBankFiles.FindAsync(e2e.Host.Services.GetRequiredService<StorageClients>(), o.Tenant.Id, done.GetProperty("endToEndId").GetString()!);
        var sent = Encoding.UTF8.GetString(content);
        Assert.Contains("FR1420041010050500013M02606", sent, StringComparison.Ordinal);
        Assert.Contains("Lieferant Nord GmbH", sent, StringComparison.Ordinal);
    }
}
