using System.Net.Http.Json;
using System.Text.Json;
using BankFunctions.Storage;
using BankFunctions.TestSupport;
using static BankFunctions.Host.Tests.Payments.PaymentApi;

namespace BankFunctions.Host.Tests.EndToEnd;

/// <summary>From submission to completed, through the queues, against BankSim: host + Azurite + BankSim.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class DispatchEndToEndTests(EndToEndFixture e2e)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task Iso_payment_completes_once_and_the_stored_file_verifies_with_openssl()
    {
        // Statements pulled at a statements-schedule tick could complete it first, without the bank's ACSC: pull them
        // only on 1 January, so the status polls are what completes it.
        var o = await e2e.OnboardAsync(pullSchedule: "0 0 0 1 1 *");
        using var submitter = e2e.Host.Client(o.Tenant.Key("submitter"));
        var created = await Json(await Submit(submitter, EurPayment(o.EurAccount, "250.00")));
        var id = created.GetProperty("id").GetString()!;
        Assert.Equal("approved", created.GetProperty("status").GetString());

        var done = await e2e.WaitForAsync(o.Tenant, id, Timeout, "completed");
        Assert.Equal("ACSC", done.GetProperty("isoStatus").GetString());
        var history = done.GetProperty("statusHistory").EnumerateArray().Select(h => h.GetProperty("status").GetString()).ToList();
        Assert.Equal(["approved", "signing", "sent"], history.Take(3));
        Assert.Equal("completed", history[^1]);
        Assert.Equal(1, await e2e.ExecutionsAsync(done.GetProperty("bankReference").GetString()!));

        // What we sent, byte for byte, verifies against the tenant's public key with an independent implementation.
        var (content, signature) = await StoredBankFiles.FindAsync(e2e.Host.Services.GetRequiredService<StorageClients>(), o.Tenant.Id, done.GetProperty("endToEndId").GetString()!);
        StoredBankFiles.AssertPs256Verifies(o.IsoPublicKeyPem, content, signature);
    }

    [Fact]
    public async Task Insufficient_funds_is_rejected_with_AM04()
    {
        var o = await e2e.OnboardAsync(isoBalance: "10.00");
        using var submitter = e2e.Host.Client(o.Tenant.Key("submitter"));
        var id = (await Json(await Submit(submitter, EurPayment(o.EurAccount, "250.00")))).GetProperty("id").GetString()!;
        var done = await e2e.WaitForAsync(o.Tenant, id, Timeout, "rejected", "completed");
        Assert.Equal("rejected", done.GetProperty("status").GetString());
        Assert.Equal("AM04", done.GetProperty("bankStatusCode").GetString());
        Assert.Equal("RJCT", done.GetProperty("isoStatus").GetString());
    }

    [Fact]
    public async Task Cmb_payment_completes_once()
    {
        var o = await e2e.OnboardAsync();
        using var submitter = e2e.Host.Client(o.Tenant.Key("submitter"));
        var id = (await Json(await Submit(submitter, CnyPayment(o.CnyAccount, "1250.00")))).GetProperty("id").GetString()!;
        var done = await e2e.WaitForAsync(o.Tenant, id, Timeout, "completed", "rejected", "failed");
        Assert.Equal("completed", done.GetProperty("status").GetString());
        Assert.Equal(1, await e2e.ExecutionsAsync(done.GetProperty("bankReference").GetString()!));
    }

    [Fact]
    public async Task Cmb_bank_side_veto_is_rejected()
    {
        var o = await e2e.OnboardAsync(cmbBehaviour: "veto");
        using var submitter = e2e.Host.Client(o.Tenant.Key("submitter"));
        var id = (await Json(await Submit(submitter, CnyPayment(o.CnyAccount, "10.00")))).GetProperty("id").GetString()!;
        var done = await e2e.WaitForAsync(o.Tenant, id, Timeout, "rejected", "completed");
        Assert.Equal("rejected", done.GetProperty("status").GetString());
        Assert.Equal("R", done.GetProperty("bankStatusCode").GetString());
    }

    [Fact]
    public async Task Payroll_batches_complete_on_both_banks()
    {
        var o = await e2e.OnboardAsync();
        using var submitter = e2e.Host.Client(o.Tenant.Key("submitter"));
        var iso = await Json(await SubmitBatch(submitter, new
        {
            debtorAccountId = o.EurAccount, kind = "payroll",
            items = Enumerable.Range(0, 5).Select(i => new { amount = new { currency = "EUR", value = $"{100 + i}.00" }, creditor = new { name = $"Employee {i}", iban = "GB82WEST12345698765432" }, remittanceInformation = "Salary" }),
        }));
        var cmb = await Json(await SubmitBatch(submitter, new
        {
            debtorAccountId = o.CnyAccount, kind = "payroll",
            items = Enumerable.Range(0, 5).Select(i => new { amount = new { currency = "CNY", value = $"{1000 + i}.00" }, creditor = new { name = $"员工{i}", accountNumber = $"62258801000000{i:D2}", bankCode = "308584000013" }, remittanceInformation = "工资" }),
        }));
        foreach (var batch in new[] { iso, cmb })
        {
            var batchId = batch.GetProperty("id").GetString()!;
            using var viewer = e2e.Host.Client(o.Tenant.Key("viewer"));
            var fetched = await Eventually.ReturnsAsync(
                () => viewer.GetFromJsonAsync<JsonElement>($"v1/payment-batches/{batchId}"),
                b => b.GetProperty("counts").TryGetProperty("completed", out var c) && c.GetInt32() == 5,
                Timeout,
                b => $"batch {batchId} counts {b.GetProperty("counts")}, not 5 completed");
            Assert.Equal("completed", fetched.GetProperty("status").GetString());
            // The list shows headers: the status is written there once the batch's file is settled.
            await Eventually.ReturnsAsync(
                async () => (await viewer.GetFromJsonAsync<JsonElement>("v1/payment-batches")).GetProperty("items").EnumerateArray()
                    .Single(b => b.GetProperty("id").GetString() == batchId).GetProperty("status").GetString(),
                listed => listed == "completed",
                Timeout,
                listed => $"the list shows batch {batchId} {listed}, not completed");
        }
    }

    [Fact]
    public async Task Bank_that_executes_and_never_answers_still_executes_exactly_once()
    {
        var o = await e2e.OnboardAsync();
        (await e2e.Bank.PostAsJsonAsync("_sim/faults", new { bank = "simbank-iso", route = "/iso/v1/payment-files", kind = "timeoutAfterCommit", probability = 1.0, count = 1 })).EnsureSuccessStatusCode();
        try
        {
            using var submitter = e2e.Host.Client(o.Tenant.Key("submitter"));
            var id = (await Json(await Submit(submitter, EurPayment(o.EurAccount, "77.00")))).GetProperty("id").GetString()!;
            var done = await e2e.WaitForAsync(o.Tenant, id, TimeSpan.FromSeconds(60), "completed");
            Assert.Equal(1, await e2e.ExecutionsAsync(done.GetProperty("bankReference").GetString()!));
        }
        finally
        {
            await e2e.Bank.DeleteAsync("_sim/faults");
        }
    }

    private static async Task<HttpResponseMessage> SubmitBatch(HttpClient client, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/payment-batches") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        var response = await client.SendAsync(request);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return response;
    }
}
