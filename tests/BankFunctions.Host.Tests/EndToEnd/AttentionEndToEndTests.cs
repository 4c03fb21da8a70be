using System.Net.Http.Json;
using System.Text.Json;
using BankFunctions.Features.Dispatch;
using BankFunctions.Features.Payments;
using BankFunctions.Storage;
using BankFunctions.Storage.Queues;
using BankFunctions.Storage.Rows;
using static BankFunctions.Host.Tests.Payments.PaymentApi;

namespace BankFunctions.Host.Tests.EndToEnd;

/// <summary>
/// Issue #17 "a payment forced to needs_attention is resolved", end to end on Azurite + BankSim. The bank's status
/// service answers 500 to every query, so the sent payment's status polls wait; its status message then lands on the
/// poison queue (as after five failed deliveries) and the real poison handler makes it needs_attention. A person sees
/// the file, its attempts and the bank's answers, asks the bank again, and resolves it — and the bank executes it once.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class AttentionEndToEndTests(EndToEndFixture e2e)
{
    // Statements would also complete the payment (reconciliation); pull them only on 1 January.
    private const string NoPulls = "0 0 0 1 1 *";

    [Fact]
    public async Task Iso_payment_forced_to_needs_attention_is_resolved_by_asking_the_bank_again()
    {
        var o = await e2e.OnboardAsync(pullSchedule: NoPulls);
        using var admin = e2e.Host.Client(o.Tenant.Key("admin"));
        var (id, file) = await ForceNeedsAttentionAsync(o, "simbank-iso", "/iso/v1/payment-status", EurPayment(o.EurAccount, "81.00"));
        try
        {
            var view = await admin.GetFromJsonAsync<JsonElement>($"v1/payments/{id}/attention");
            var seen = view.GetProperty("file");
            Assert.Equal((file, "needs_attention", 1), (seen.GetProperty("id").GetString(), seen.GetProperty("state").GetString(), seen.GetProperty("sendAttempts").GetInt32()));
            Assert.True(seen.GetProperty("statusPolls").GetInt32() >= 1);
            Assert.Equal("HTTP500", seen.GetProperty("lastErrorCode").GetString());
            Assert.True(seen.TryGetProperty("bankFileReference", out _));
            Assert.Equal(id, view.GetProperty("filePayments")[0].GetProperty("id").GetString());

            // The bank still does not answer: the answer is kept, nothing moves.
            var unanswered = await Json(await admin.PostAsync($"v1/payments/{id}/attention/requery", null));
            Assert.Equal("unavailable", unanswered.GetProperty("answer").GetProperty("answer").GetString());
            Assert.Equal("needs_attention", unanswered.GetProperty("payment").GetProperty("status").GetString());
        }
        finally
        {
            await e2e.Bank.DeleteAsync("_sim/faults");
        }

        // The bank is back (once its circuit closes again, 1 s here: until then a person is told "unavailable" and asks
        // again): it settled the payment long ago (ACSC), and says so.
        var (answered, asked) = await RequeryUntilAnsweredAsync(admin, id);
        var answer = answered.GetProperty("answer");
        Assert.Equal(("found", "completed", "ACSC"), (answer.GetProperty("answer").GetString(), answer.GetProperty("status").GetString(), answer.GetProperty("isoStatus").GetString()));
        var payment = answered.GetProperty("payment");
        Assert.Equal(("completed", "ACSC"), (payment.GetProperty("status").GetString(), payment.GetProperty("isoStatus").GetString()));
        Assert.Equal(Enumerable.Repeat("requeried", asked + 2), payment.GetProperty("attention").GetProperty("log").EnumerateArray().Select(e => e.GetProperty("action").GetString()));
        Assert.Equal(1, await e2e.ExecutionsAsync(payment.GetProperty("bankReference").GetString()!));
        Assert.Equal(BankFileStates.Final, (await FileAsync(o.Tenant.Id, file)).State);

        var audit = await admin.GetFromJsonAsync<JsonElement>("v1/audit?limit=1000");
        Assert.Equal(asked + 2, audit.GetProperty("items").EnumerateArray().Count(e =>
            e.GetProperty("action").GetString() == AttentionDecisions.Requeried && e.GetProperty("actor").GetString() == o.Tenant.Keys["admin"].Id));
        // Settled: asking again is refused.
        Assert.Equal(System.Net.HttpStatusCode.Conflict, (await admin.PostAsync($"v1/payments/{id}/attention/requery", null)).StatusCode);
    }

    [Fact]
    public async Task Cmb_payment_forced_to_needs_attention_is_marked_completed_by_two_people_through_the_operator_route_and_never_resent()
    {
        var o = await e2e.OnboardAsync(pullSchedule: NoPulls);
        using var admin = e2e.Host.Client(o.Tenant.Key("admin"));
        using var secondAdmin = e2e.Host.Client(o.Tenant.Key("all"));
        using var op = e2e.Host.Client(HostFixture.OperatorKey);
        string id;
        try
        {
            (id, _) = await ForceNeedsAttentionAsync(o, "simbank-cmb", "BB1PAYQR", CnyPayment(o.CnyAccount, "82.00"));
            var view = await op.GetFromJsonAsync<JsonElement>($"v1/admin/tenants/{o.Tenant.Id}/payments/{id}/attention");
            Assert.Equal("needs_attention", view.GetProperty("payment").GetProperty("status").GetString());

            // The operator proposes (evidence from outside the gateway), a tenant admin confirms; the operator cannot confirm itself.
            var proposed = await Json(await op.PostAsJsonAsync($"v1/admin/tenants/{o.Tenant.Id}/payments/{id}/attention/resolve",
                new { outcome = "completed", reason = "The bank's branch confirmed execution by phone", evidence = "CMB service ticket 2026120501" }));
            Assert.Equal("operator", proposed.GetProperty("attention").GetProperty("pendingResolution").GetProperty("by").GetString());
            Assert.Equal(System.Net.HttpStatusCode.Forbidden,
                (await op.PostAsync($"v1/admin/tenants/{o.Tenant.Id}/payments/{id}/attention/confirm", null)).StatusCode);
            var confirmed = await Json(await secondAdmin.PostAsync($"v1/payments/{id}/attention/confirm", null));
            Assert.Equal("completed", confirmed.GetProperty("status").GetString());
            Assert.Contains("confirmed by " + o.Tenant.Keys["all"].Id, confirmed.GetProperty("statusReason").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            await e2e.Bank.DeleteAsync("_sim/faults");
        }
        var done = await e2e.WaitForAsync(o.Tenant, id, TimeSpan.FromSeconds(5), "completed");
        Assert.Equal(1, await e2e.ExecutionsAsync(done.GetProperty("bankReference").GetString()!));
        Assert.Equal(System.Net.HttpStatusCode.Conflict, (await admin.PostAsJsonAsync($"v1/payments/{id}/attention/resolve",
            new { outcome = "failed", reason = "too late", evidence = "none" })).StatusCode);
    }

    [Fact]
    public async Task A_batch_file_in_needs_attention_is_resolved_payment_by_payment_and_its_header_follows()
    {
        var o = await e2e.OnboardAsync(pullSchedule: NoPulls);
        using var admin = e2e.Host.Client(o.Tenant.Key("admin"));
        using var viewer = e2e.Host.Client(o.Tenant.Key("viewer"));
        var item = new { amount = new { currency = "EUR", value = "3.00" }, creditor = new { name = "Muster GmbH", iban = "GB82WEST12345698765432" } };
        string batchId;
        List<string> ids;
        try
        {
            var (first, fileId) = await ForceNeedsAttentionAsync(o, "simbank-iso", "/iso/v1/payment-status",
                new { debtorAccountId = o.EurAccount, kind = "payments", items = new[] { item, item } }, "v1/payment-batches");
            batchId = first;
            var batch = await viewer.GetFromJsonAsync<JsonElement>($"v1/payment-batches/{batchId}");
            ids = batch.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToList();
            Assert.Equal(2, ids.Count);
            foreach (var itemId in ids)
            {
                await e2e.WaitForAsync(o.Tenant, itemId, TimeSpan.FromSeconds(30), "needs_attention");
            }
            var view = await admin.GetFromJsonAsync<JsonElement>($"v1/payments/{ids[0]}/attention");
            Assert.Equal((fileId, 2), (view.GetProperty("file").GetProperty("id").GetString(), view.GetProperty("filePayments").GetArrayLength()));
        }
        finally
        {
            await e2e.Bank.DeleteAsync("_sim/faults");
        }

        // One at a time: the first settled leaves the file waiting for a person and the batch partly completed.
        Assert.Equal("completed", (await RequeryUntilAnsweredAsync(admin, ids[0])).Answer.GetProperty("payment").GetProperty("status").GetString());
        var file = (await FileAsync(o.Tenant.Id, (await e2e.Host.Services.GetRequiredService<PaymentStore>().FindAsync(o.Tenant.Id, ids[0], default))!.FileId!));
        Assert.Equal(BankFileStates.NeedsAttention, file.State);
        Assert.Equal("partially_completed", (await BatchAsync(o.Tenant.Id, batchId)).Status);

        Assert.Equal("completed", (await RequeryUntilAnsweredAsync(admin, ids[1])).Answer.GetProperty("payment").GetProperty("status").GetString());
        Assert.Equal(BankFileStates.Final, (await FileAsync(o.Tenant.Id, file.FileId)).State);
        Assert.Equal("completed", (await BatchAsync(o.Tenant.Id, batchId)).Status);
        foreach (var itemId in ids)
        {
            var done = await e2e.WaitForAsync(o.Tenant, itemId, TimeSpan.FromSeconds(5), "completed");
            Assert.Equal(1, await e2e.ExecutionsAsync(done.GetProperty("bankReference").GetString()!));
        }
    }

    /// <summary>
    /// Submits <paramref name="payment"/> while <paramref name="statusRoute"/> answers 500 (left faulted for the caller to
    /// clear), waits until the sent file's polls are waiting, then puts its status message on the poison queue.
    /// </summary>
    /// <returns>The payment's (or batch's) id and its bank file's.</returns>
    private async Task<(string Id, string FileId)> ForceNeedsAttentionAsync(EndToEndFixture.Onboarded o, string bank, string statusRoute, object payment,
        string submitRoute = "v1/payments")
    {
        (await e2e.Bank.PostAsJsonAsync("_sim/faults", new { bank, route = statusRoute, kind = "error500", probability = 1.0, count = 100_000 })).EnsureSuccessStatusCode();
        using var submitter = e2e.Host.Client(o.Tenant.Key("submitter"));
        var id = (await HostFixture.PostJson(submitter, submitRoute, payment, Guid.NewGuid().ToString())).GetProperty("id").GetString()!;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        BankFileRow? file = null;
        while (file is not { State: BankFileStates.Sent, StatusPolls: >= 1 })
        {
            Assert.True(DateTime.UtcNow < deadline, $"the file of {id} never waited on status polls: {file?.State}, {file?.StatusPolls} polls");
            await Task.Delay(200);
            file = await FileOfAsync(o.Tenant.Id, id);
        }
        await e2e.Host.Services.GetRequiredService<IQueueSender>().SendAsync(QueueNames.Poison(QueueNames.PaymentsStatus),
            new FileMessage(o.Tenant.Id, file.FileId).ToJson());
        while ((await FileAsync(o.Tenant.Id, file.FileId)).State != BankFileStates.NeedsAttention)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the file of {id} never became needs_attention");
            await Task.Delay(100);
        }
        if (submitRoute == "v1/payments")
        {
            await e2e.WaitForAsync(o.Tenant, id, TimeSpan.FromSeconds(30), "needs_attention");
        }
        return (id, file.FileId);
    }

    /// <summary>Asks the bank until it answers (not "unavailable"), within 30 s; how many times it was asked before that.</summary>
    private static async Task<(JsonElement Answer, int UnavailableBefore)> RequeryUntilAnsweredAsync(HttpClient admin, string id)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        for (var unavailable = 0; ; unavailable++)
        {
            var response = await admin.PostAsync($"v1/payments/{id}/attention/requery", null);
            var body = await Json(response);
            Assert.True(response.IsSuccessStatusCode, body.ToString());
            if (body.GetProperty("answer").GetProperty("answer").GetString() != "unavailable")
            {
                return (body, unavailable);
            }
            Assert.True(DateTime.UtcNow < deadline, "the bank never answered: " + body);
            await Task.Delay(250);
        }
    }

    /// <summary>The bank file of a payment, or of a batch (its files are found by the batch id).</summary>
    private async Task<BankFileRow?> FileOfAsync(string tenantId, string id)
    {
        if (id.StartsWith("bat_", StringComparison.Ordinal))
        {
            var table = e2e.Host.Services.GetRequiredService<StorageClients>().Table(TableNames.TenantData);
            await foreach (var f in table.QueryAsync<BankFileRow>(TableKeys.PrefixFilter(TableKeys.TenantPartition(tenantId), TableKeys.BankFileRow(""))
                + $" and BatchId eq '{id}'"))
            {
                return f;
            }
            return null;
        }
        var row = await e2e.Host.Services.GetRequiredService<PaymentStore>().FindAsync(tenantId, id, default);
        return row?.FileId is { } fileId ? await FileAsync(tenantId, fileId) : null;
    }

    private async Task<BatchRow> BatchAsync(string tenantId, string batchId) =>
        (await e2e.Host.Services.GetRequiredService<StorageClients>().Table(TableNames.TenantData)
            .GetEntityAsync<BatchRow>(TableKeys.TenantPartition(tenantId), TableKeys.BatchRow(batchId))).Value;

    private async Task<BankFileRow> FileAsync(string tenantId, string fileId) =>
        (await e2e.Host.Services.GetRequiredService<StorageClients>().Table(TableNames.TenantData)
            .GetEntityAsync<BankFileRow>(TableKeys.TenantPartition(tenantId), TableKeys.BankFileRow(fileId))).Value;
}
