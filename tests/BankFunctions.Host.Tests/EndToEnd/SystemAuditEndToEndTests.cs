using System.Net.Http.Json;
using System.Text.Json;
using static BankFunctions.Host.Tests.Payments.PaymentApi;

namespace BankFunctions.Host.Tests.EndToEnd;

/// <summary>
/// Every status a payment reaches on its own — signing, sent, accepted, completed by the bank's status, returned by a
/// statement — has an audit row naming it, with actor "system:" + the function that moved it (issue #20 §2).
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class SystemAuditEndToEndTests(EndToEndFixture e2e)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task A_payments_system_transitions_and_a_refresh_are_audited()
    {
        // Pulled only on request (1 January otherwise), so the status polls complete it and the refresh returns it.
        var o = await e2e.OnboardAsync(pullSchedule: "0 0 0 1 1 *");
        (await e2e.Bank.PostAsJsonAsync("_sim/faults", new { bank = "simbank-iso", route = "/iso/v1/payment-files", kind = "bounce", probability = 1.0, count = 1 })).EnsureSuccessStatusCode();
        JsonElement payment;
        try
        {
            using var submitter = e2e.Host.Client(o.Tenant.Key("submitter"));
            using var admin = e2e.Host.Client(o.Tenant.Key("admin"));
            var id = (await Json(await Submit(submitter, EurPayment(o.EurAccount, "77.00")))).GetProperty("id").GetString()!;
            await e2e.WaitForAsync(o.Tenant, id, Timeout, "completed");
            var deadline = DateTime.UtcNow + Timeout;
            do
            {
                (await admin.PostAsync($"v1/accounts/{o.EurAccount}/refresh", null)).EnsureSuccessStatusCode();
                await Task.Delay(700);
                payment = await e2e.WaitForAsync(o.Tenant, id, Timeout, "completed", "returned");
            }
            while (payment.GetProperty("status").GetString() != "returned" && DateTime.UtcNow < deadline);
            Assert.Equal("returned", payment.GetProperty("status").GetString());
        }
        finally
        {
            await e2e.Bank.DeleteAsync("_sim/faults");
        }

        using var auditor = e2e.Host.Client(o.Tenant.Key("admin"));
        var audit = (await auditor.GetFromJsonAsync<JsonElement>("v1/audit?limit=1000")).GetProperty("items").EnumerateArray().ToList();
        var paymentId = payment.GetProperty("id").GetString()!;
        var aboutPayment = audit.Where(a => a.GetProperty("subject").GetString() == paymentId
            || (a.TryGetProperty("after", out var after) && after.ValueKind == JsonValueKind.String && after.GetString()!.Contains($"\"{paymentId}\"", StringComparison.Ordinal))).ToList();

        // Each status after the first (set at creation) has its audit row.
        foreach (var status in payment.GetProperty("statusHistory").EnumerateArray().Skip(1).Select(h => h.GetProperty("status").GetString()))
        {
            Assert.True(aboutPayment.Any(a => a.GetProperty("action").GetString() == "payment." + status),
                $"no audit row for {status}: {string.Join(", ", aboutPayment.Select(a => a.GetProperty("action").GetString()))}");
        }
        string Actor(string action) => aboutPayment.First(a => a.GetProperty("action").GetString() == action).GetProperty("actor").GetString()!;
        Assert.Equal("system:SignPayments", Actor("payment.signing"));
        Assert.Equal("system:DispatchPayments", Actor("payment.sent"));
        Assert.Equal("system:PollPaymentStatus", Actor("payment.completed"));
        Assert.Equal("system:Reconciler", Actor("payment.returned"));

        var refresh = audit.First(a => a.GetProperty("action").GetString() == "account.refresh-requested");
        Assert.Equal(o.EurAccount, refresh.GetProperty("subject").GetString());
        Assert.Equal(o.Tenant.Keys["admin"].Id, refresh.GetProperty("actor").GetString());
        Assert.True((await auditor.GetFromJsonAsync<JsonElement>("v1/audit/verify")).GetProperty("valid").GetBoolean());
    }
}
