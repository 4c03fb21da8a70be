using System.Net.Http.Json;
using static BankFunctions.Host.Tests.Payments.PaymentApi;

namespace BankFunctions.Host.Tests.EndToEnd;

/// <summary>Each transport fault the bank can throw at us: every payment still ends terminal, executed exactly once.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class FaultEndToEndTests(EndToEndFixture e2e)
{
    [Theory]
    [InlineData("simbank-iso", "/iso/v1/payment-files", "error500")]
    [InlineData("simbank-iso", "/iso/v1/payment-files", "error429")]
    [InlineData("simbank-iso", "/iso/v1/payment-files", "reset")]
    [InlineData("simbank-iso", "/iso/v1/payment-status", "duplicateStatus")]
    [InlineData("simbank-iso", "/iso/v1/payment-status", "error500")]
    [InlineData("simbank-cmb", "BB1PAYOP", "error500")]
    [InlineData("simbank-cmb", "BB1PAYOP", "reset")]
    [InlineData("simbank-cmb", "BB1PAYOP", "timeoutAfterCommit")]
    [InlineData("simbank-cmb", "BB1PAYQR", "error429")]
    [InlineData("simbank-iso", "/iso/v1/payment-files", "slow")]
    public async Task Payment_survives_the_fault_and_executes_once(string bank, string route, string kind)
    {
        var o = await e2e.OnboardAsync();
        (await e2e.Bank.PostAsJsonAsync("_sim/faults", new { bank, route, kind, probability = 1.0, count = 2 })).EnsureSuccessStatusCode();
        try
        {
            using var submitter = e2e.Host.Client(o.Tenant.Key("submitter"));
            var body = bank == "simbank-iso" ? EurPayment(o.EurAccount, "42.00") : CnyPayment(o.CnyAccount, "42.00");
            var id = (await Json(await Submit(submitter, body))).GetProperty("id").GetString()!;
            var done = await e2e.WaitForAsync(o.Tenant, id, TimeSpan.FromSeconds(90), "completed", "rejected", "failed", "needs_attention");
            Assert.Equal("completed", done.GetProperty("status").GetString());
            Assert.Equal(1, await e2e.ExecutionsAsync(done.GetProperty("bankReference").GetString()!));
        }
        finally
        {
            await e2e.Bank.DeleteAsync("_sim/faults");
        }
    }

    [Fact]
    public async Task Cmb_bounce_after_success_becomes_returned_through_the_statement()
    {
        var o = await e2e.OnboardAsync();
        (await e2e.Bank.PostAsJsonAsync("_sim/faults", new { bank = "simbank-cmb", route = "*", kind = "bounce", probability = 1.0, count = 1 })).EnsureSuccessStatusCode();
        try
        {
            using var submitter = e2e.Host.Client(o.Tenant.Key("submitter"));
            using var admin = e2e.Host.Client(o.Tenant.Key("admin"));
            var id = (await Json(await Submit(submitter, CnyPayment(o.CnyAccount, "66.00")))).GetProperty("id").GetString()!;
            await e2e.WaitForAsync(o.Tenant, id, TimeSpan.FromSeconds(60), "completed", "returned");
            // The 退票 credit arrives in the account's DCTRSINF details; reconciliation makes the payment returned.
            var deadline = DateTime.UtcNow.AddSeconds(60);
            System.Text.Json.JsonElement done;
            do
            {
                await admin.PostAsync($"v1/accounts/{o.CnyAccount}/refresh", null);
                await Task.Delay(700);
                done = await e2e.WaitForAsync(o.Tenant, id, TimeSpan.FromSeconds(5), "completed", "returned");
            }
            while (done.GetProperty("status").GetString() != "returned" && DateTime.UtcNow < deadline);
            Assert.Equal("returned", done.GetProperty("status").GetString());
            Assert.Contains("退票", done.GetProperty("statusReason").GetString(), StringComparison.Ordinal);
            Assert.Equal(1, await e2e.ExecutionsAsync(done.GetProperty("bankReference").GetString()!));
        }
        finally
        {
            await e2e.Bank.DeleteAsync("_sim/faults");
        }
    }
}
