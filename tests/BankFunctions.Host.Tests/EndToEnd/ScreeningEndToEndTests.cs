using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BankFunctions.Features.Screening;
using BankFunctions.Host.Tests.Screening;
using static BankFunctions.Host.Tests.Payments.PaymentApi;

namespace BankFunctions.Host.Tests.EndToEnd;

/// <summary>
/// Issue #17 "a sanctioned name is held and released", end to end on Azurite + BankSim: with the OFAC SDN sample
/// loaded, a payment to a listed name stops in screening_hold at the sign stage and never reaches the bank; an admin
/// clears it (it is then sent and executed once) or rejects it; other roles and other tenants cannot act on it.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ScreeningEndToEndTests(EndToEndFixture e2e)
{
    private const string NoPulls = "0 0 0 1 1 *";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static object Payment(string account, string creditor, string value) => new
    {
        debtorAccountId = account,
        amount = new { currency = "EUR", value },
        creditor = new { name = creditor, iban = "GB82WEST12345698765432", bic = "NWBKGB2L" },
        remittanceInformation = "Invoice 17",
    };

    private async Task<string> HeldPaymentAsync(HttpClient submitter, string account, string creditor, string value)
    {
        var created = await Json(await Submit(submitter, Payment(account, creditor, value)));
        return created.GetProperty("id").GetString()!;
    }

    [Fact]
    public async Task A_sanctioned_creditor_is_held_never_reaches_the_bank_and_is_released_by_an_admin()
    {
        using (var op = e2e.Host.Client(HostFixture.OperatorKey))
        {
            Assert.Equal(HttpStatusCode.OK, (await ScreeningLists.PutSampleAsync(op, "ofac-sdn", "ofac_sdn_sample.csv", "text/csv")).StatusCode);
        }
        var o = await e2e.OnboardAsync(pullSchedule: NoPulls);
        using var submitter = e2e.Host.Client(o.Tenant.Key("submitter"));
        using var admin = e2e.Host.Client(o.Tenant.Key("admin"));

        // A spelling variant of listed entry 9001 ("KARAVELLA TRANSIT HOLDINGS LTD.").
        var id = await HeldPaymentAsync(submitter, o.EurAccount, "Karavela Tranzit Holdings Limited", "71.00");
        var held = await e2e.WaitForAsync(o.Tenant, id, Timeout, "screening_hold", "sent", "accepted", "completed");
        Assert.Equal("screening_hold", held.GetProperty("status").GetString());
        Assert.Contains("ofac-sdn entry 9001", held.GetProperty("statusReason").GetString(), StringComparison.Ordinal);
        var reference = held.GetProperty("bankReference").GetString()!;

        var audit = await admin.GetFromJsonAsync<JsonElement>("v1/audit?limit=1000");
        var hold = Assert.Single(audit.GetProperty("items").EnumerateArray(), e => e.GetProperty("action").GetString() == ScreeningGate.HeldAction);
        Assert.Equal(("system:SignPayments", id), (hold.GetProperty("actor").GetString(), hold.GetProperty("subject").GetString()));
        using (var after = JsonDocument.Parse(hold.GetProperty("after").GetString()!))
        {
            var record = after.RootElement;
            Assert.Equal(("ofac-sdn", "9001", "KARAVELLA TRANSIT HOLDINGS LTD."),
                (record.GetProperty("source").GetString(), record.GetProperty("entryId").GetString(), record.GetProperty("matchedName").GetString()));
            Assert.InRange(record.GetProperty("score").GetDecimal(), 0.90m, 1m);
        }

        // Still held a moment later: nothing was built or sent, the bank has never seen it.
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal("screening_hold", (await e2e.WaitForAsync(o.Tenant, id, Timeout, "screening_hold", "sent", "accepted", "completed")).GetProperty("status").GetString());
        Assert.Equal(0, await e2e.ExecutionsAsync(reference));

        // Only a tenant admin of this tenant, with a reason.
        using var approver = e2e.Host.Client(o.Tenant.Key("approver"));
        Assert.Equal(HttpStatusCode.Forbidden, (await approver.PostAsJsonAsync($"v1/payments/{id}/screening/clear", new { reason = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await submitter.PostAsJsonAsync($"v1/payments/{id}/screening/reject", new { reason = "x" })).StatusCode);
        var other = await e2e.Host.CreateTenantAsync();
        using var otherAdmin = e2e.Host.Client(other.Key("admin"));
        Assert.Equal(HttpStatusCode.NotFound, (await otherAdmin.PostAsJsonAsync($"v1/payments/{id}/screening/clear", new { reason = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherAdmin.PostAsJsonAsync($"v1/payments/{id}/screening/reject", new { reason = "x" })).StatusCode);
        var noReason = await admin.PostAsJsonAsync($"v1/payments/{id}/screening/clear", new { });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.True((await noReason.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("reason", out _));
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync($"v1/payments/{id}/screening/reject",
            new StringContent("{\"reason\":", System.Text.Encoding.UTF8, "application/json"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsJsonAsync("v1/payments/pay_doesnotexist/screening/clear", new { reason = "x" })).StatusCode);
        Assert.Equal("screening_hold", (await e2e.WaitForAsync(o.Tenant, id, Timeout, "screening_hold")).GetProperty("status").GetString());

        // Cleared: signed, sent and executed once, not held again.
        var cleared = await admin.PostAsJsonAsync($"v1/payments/{id}/screening/clear", new { reason = "Different company: checked registry no. HRB 1234" });
        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        Assert.Equal("approved", (await cleared.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        var done = await e2e.WaitForAsync(o.Tenant, id, Timeout, "completed", "rejected", "failed", "needs_attention");
        Assert.Equal("completed", done.GetProperty("status").GetString());
        Assert.Equal(1, await e2e.ExecutionsAsync(reference));
        var statuses = done.GetProperty("statusHistory").EnumerateArray().Select(s => s.GetProperty("status").GetString()).ToList();
        Assert.Equal(1, statuses.Count(s => s == "screening_hold"));
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync($"v1/payments/{id}/screening/clear", new { reason = "again" })).StatusCode);

        var trail = await admin.GetFromJsonAsync<JsonElement>("v1/audit?limit=1000");
        var clearedRow = Assert.Single(trail.GetProperty("items").EnumerateArray(), e => e.GetProperty("action").GetString() == ScreeningDecisions.Cleared);
        Assert.Equal(o.Tenant.Keys["admin"].Id, clearedRow.GetProperty("actor").GetString());
    }

    [Fact]
    public async Task A_held_payment_rejected_by_an_admin_is_rejected_and_never_sent_and_an_unlisted_name_goes_through()
    {
        using (var op = e2e.Host.Client(HostFixture.OperatorKey))
        {
            Assert.Equal(HttpStatusCode.OK, (await ScreeningLists.PutSampleAsync(op, "ofac-sdn", "ofac_sdn_sample.csv", "text/csv")).StatusCode);
        }
        var o = await e2e.OnboardAsync(pullSchedule: NoPulls);
        using var submitter = e2e.Host.Client(o.Tenant.Key("submitter"));
        using var admin = e2e.Host.Client(o.Tenant.Key("admin"));

        // Listed individual 9002 "ZOLOTNIKOV, Arkadiy Vitalyevich", spelled differently and in the other order.
        var id = await HeldPaymentAsync(submitter, o.EurAccount, "Arkady Vitalyevich Zolotnikov", "72.00");
        var clean = await HeldPaymentAsync(submitter, o.EurAccount, "Muster GmbH", "73.00");
        var held = await e2e.WaitForAsync(o.Tenant, id, Timeout, "screening_hold", "sent", "accepted", "completed");
        Assert.Equal("screening_hold", held.GetProperty("status").GetString());
        Assert.Equal("completed", (await e2e.WaitForAsync(o.Tenant, clean, Timeout, "completed", "screening_hold", "rejected", "failed", "needs_attention")).GetProperty("status").GetString());

        var rejected = await admin.PostAsJsonAsync($"v1/payments/{id}/screening/reject", new { reason = "Confirmed match: same date of birth" });
        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        var view = await rejected.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("rejected", view.GetProperty("status").GetString());
        Assert.Contains("Confirmed match", view.GetProperty("statusReason").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync($"v1/payments/{id}/screening/clear", new { reason = "too late" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync($"v1/payments/{clean}/screening/reject", new { reason = "not held" })).StatusCode);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(0, await e2e.ExecutionsAsync(held.GetProperty("bankReference").GetString()!));

        var trail = await admin.GetFromJsonAsync<JsonElement>("v1/audit?limit=1000");
        Assert.Single(trail.GetProperty("items").EnumerateArray(), e => e.GetProperty("action").GetString() == ScreeningDecisions.Rejected);
    }
}
