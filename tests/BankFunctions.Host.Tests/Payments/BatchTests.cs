using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BankFunctions.Host.Tests.Api;
using BankFunctions.Storage;
using static BankFunctions.Host.Tests.Payments.PaymentApi;

namespace BankFunctions.Host.Tests.Payments;

[Collection(HostCollection.Name)]
public sealed class BatchTests(HostFixture host)
{
    private static object Batch(string account, int count, string kind = "payroll") => new
    {
        debtorAccountId = account,
        kind,
        items = Enumerable.Range(0, count).Select(i => new
        {
            amount = new { currency = "EUR", value = $"{1000 + (i % 97)}.{i % 100:D2}" },
            creditor = new { name = $"Employee {i}", iban = "GB82WEST12345698765432" },
            remittanceInformation = $"Salary 2026-11 {i}",
        }).ToArray(),
    };

    private static async Task<HttpResponseMessage> SubmitBatch(HttpClient client, object body, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/payment-batches") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task Ten_thousand_item_payroll_is_accepted_complete_and_enqueued_once()
    {
        var t = await host.CreateTenantWithAccountsAsync();
        using (var admin = host.Client(t.Key("admin")))
        {
            (await admin.PutAsJsonAsync("v1/approval-rules", new { rules = new[] { new { currency = "EUR", minAmount = "0.00", approvals = 0 } } })).EnsureSuccessStatusCode();
        }
        using var submitter = host.Client(t.Key("submitter"));
        submitter.Timeout = TimeSpan.FromMinutes(2);
        var body = Batch(t.EurAccount, 10_000);
        var key = Guid.NewGuid().ToString();
        var watch = Stopwatch.StartNew();
        var response = await SubmitBatch(submitter, body, key);
        watch.Stop();
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var batch = await Json(response);
        var batchId = batch.GetProperty("id").GetString()!;
        Assert.True(batch.GetProperty("complete").GetBoolean());
        Assert.Equal(10_000, batch.GetProperty("itemCount").GetInt32());
        Assert.Equal("approved", batch.GetProperty("status").GetString());

        using var viewer = host.Client(t.Key("viewer"));
        var fetched = await viewer.GetFromJsonAsync<JsonElement>($"v1/payment-batches/{batchId}?limit=10");
        Assert.Equal(10_000, fetched.GetProperty("counts").GetProperty("approved").GetInt32());
        Assert.Equal(10, fetched.GetProperty("items").GetArrayLength());
        Assert.NotNull(fetched.GetProperty("nextCursor").GetString());

        // Item ids are derived from the batch id and index.
        var first = fetched.GetProperty("items")[0];
        Assert.Equal($"pay_{batchId[4..]}00000", first.GetProperty("id").GetString());

        // A retry replays; nothing doubles.
        var retry = await SubmitBatch(submitter, body, key);
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        var again = await viewer.GetFromJsonAsync<JsonElement>($"v1/payments?batchId={batchId}&limit=500");
        Assert.Equal(500, again.GetProperty("items").GetArrayLength());

        var queue = host.Services.GetRequiredService<StorageClients>().Queues.GetQueueClient(QueueNames.PaymentsSign);
        var messages = (await queue.PeekMessagesAsync(32)).Value;
        Assert.Single(messages, m => m.Body.ToString().Contains(batchId, StringComparison.Ordinal));
        Console.WriteLine($"10,000-item payroll accepted in {watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task Batch_approval_moves_items_and_invalid_items_are_named_by_index()
    {
        var t = await host.CreateTenantWithAccountsAsync();
        using var submitter = host.Client(t.Key("submitter"));
        var bad = JsonSerializer.SerializeToNode(Batch(t.EurAccount, 3, "payments"))!;
        bad["items"]![1]!["creditor"]!["iban"] = "DE00";
        using (var request = new HttpRequestMessage(HttpMethod.Post, "v1/payment-batches") { Content = new StringContent(bad.ToJsonString(), System.Text.Encoding.UTF8, "application/json") })
        {
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            await BadInputTests.AssertProblem(await submitter.SendAsync(request), 400, "items[1].creditor.iban");
        }

        var batch = await Json(await SubmitBatch(submitter, Batch(t.EurAccount, 3, "payments"), Guid.NewGuid().ToString()));
        var id = batch.GetProperty("id").GetString();
        Assert.Equal("pending_approval", batch.GetProperty("status").GetString());
        using var approver = host.Client(t.Key("approver"));
        await BadInputTests.AssertProblem(await Act(submitter, $"v1/payments/pay_{id![4..]}00000/approve"), 403, null);
        await BadInputTests.AssertProblem(await Act(approver, $"v1/payments/pay_{id[4..]}00000/approve"), 409, null);
        var approved = await Json(await Act(approver, $"v1/payment-batches/{id}/approve"));
        Assert.Equal("approved", approved.GetProperty("status").GetString());
        using var viewer = host.Client(t.Key("viewer"));
        var fetched = await viewer.GetFromJsonAsync<JsonElement>($"v1/payment-batches/{id}");
        Assert.Equal(3, fetched.GetProperty("counts").GetProperty("approved").GetInt32());

        var other = await host.CreateTenantAsync();
        using var otherAll = host.Client(other.Key("all"));
        Assert.Equal(HttpStatusCode.NotFound, (await otherAll.GetAsync($"v1/payment-batches/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Act(otherAll, $"v1/payment-batches/{id}/cancel")).StatusCode);
    }

    [Fact]
    public async Task Batch_whose_items_are_all_terminal_shows_what_became_of_them_and_items_show_the_batch_approvals()
    {
        var t = await host.CreateTenantWithAccountsAsync();
        using var submitter = host.Client(t.Key("submitter"));
        var id = (await Json(await SubmitBatch(submitter, Batch(t.EurAccount, 3, "payments"), Guid.NewGuid().ToString()))).GetProperty("id").GetString()!;
        using var approver = host.Client(t.Key("approver"));
        Assert.Equal("approved", (await Json(await Act(approver, $"v1/payment-batches/{id}/approve"))).GetProperty("status").GetString());
        using var viewer = host.Client(t.Key("viewer"));
        var approverKeyId = t.Keys["approver"].Id;

        var fetched = await viewer.GetFromJsonAsync<JsonElement>($"v1/payment-batches/{id}");
        Assert.Equal("approved", fetched.GetProperty("status").GetString());
        foreach (var item in fetched.GetProperty("items").EnumerateArray())
        {
            Assert.Equal([approverKeyId], item.GetProperty("approvals").EnumerateArray().Select(a => a.GetString()!));
        }
        var one = await viewer.GetFromJsonAsync<JsonElement>($"v1/payments/pay_{id[4..]}00001");
        Assert.Equal([approverKeyId], one.GetProperty("approvals").EnumerateArray().Select(a => a.GetString()!));

        // The bank settles the items (set directly: this test is about how the batch reads, not how items move).
        await SetItemStatuses(t.Id, id, "completed", "completed", "completed");
        Assert.Equal("completed", (await viewer.GetFromJsonAsync<JsonElement>($"v1/payment-batches/{id}")).GetProperty("status").GetString());
        await SetItemStatuses(t.Id, id, "completed", "rejected", "completed");
        Assert.Equal("partially_completed", (await viewer.GetFromJsonAsync<JsonElement>($"v1/payment-batches/{id}")).GetProperty("status").GetString());
        await SetItemStatuses(t.Id, id, "rejected", "rejected", "rejected");
        Assert.Equal("rejected", (await viewer.GetFromJsonAsync<JsonElement>($"v1/payment-batches/{id}")).GetProperty("status").GetString());
        await SetItemStatuses(t.Id, id, "rejected", "sent", "rejected");
        Assert.Equal("approved", (await viewer.GetFromJsonAsync<JsonElement>($"v1/payment-batches/{id}")).GetProperty("status").GetString());
    }

    private async Task SetItemStatuses(string tenantId, string batchId, params string[] statuses)
    {
        var table = host.Services.GetRequiredService<StorageClients>().Table(TableNames.TenantData);
        for (var i = 0; i < statuses.Length; i++)
        {
            var row = (await table.GetEntityAsync<BankFunctions.Storage.Rows.PaymentRow>(TableKeys.TenantPartition(tenantId),
                TableKeys.PaymentRow($"pay_{batchId[4..]}{i:D5}"))).Value;
            row.Status = statuses[i];
            await table.UpdateEntityAsync(row, row.ETag, Azure.Data.Tables.TableUpdateMode.Replace);
        }
    }

    [Fact]
    public async Task Batch_over_ten_thousand_items_is_refused()
    {
        var t = await host.CreateTenantWithAccountsAsync();
        using var submitter = host.Client(t.Key("submitter"));
        await BadInputTests.AssertProblem(await SubmitBatch(submitter, Batch(t.EurAccount, 10_001), Guid.NewGuid().ToString()), 400, "items");
    }
}
