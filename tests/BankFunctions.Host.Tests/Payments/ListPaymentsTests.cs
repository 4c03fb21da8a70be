using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BankFunctions.Host.Tests.Api;
using static BankFunctions.Host.Tests.Payments.PaymentApi;

namespace BankFunctions.Host.Tests.Payments;

/// <summary>GET /v1/payments and GET /v1/payment-batches: newest first, filters, checked cursors.</summary>
[Collection(HostCollection.Name)]
public sealed class ListPaymentsTests(HostFixture host)
{
    private static object Batch(string account, params string[] values) => new
    {
        debtorAccountId = account,
        kind = "payments",
        items = values.Select((v, i) => new
        {
            amount = new { currency = "EUR", value = v },
            creditor = new { name = $"Supplier {i}", iban = "DE89370400440532013000" },
            remittanceInformation = $"Batch item {i}",
        }).ToArray(),
    };

    private async Task<string> SubmitId(HttpClient client, object body) =>
        (await Json(await Submit(client, body))).GetProperty("id").GetString()!;

    private static async Task<string> SubmitBatchId(HttpClient client, object body) =>
        (await HostFixture.PostJson(client, "v1/payment-batches", body, Guid.NewGuid().ToString())).GetProperty("id").GetString()!;

    private static async Task<(List<string> Ids, string? Next)> Page(HttpClient client, string query)
    {
        var json = await client.GetFromJsonAsync<JsonElement>("v1/payments" + query);
        return (json.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToList(),
            json.TryGetProperty("nextCursor", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null);
    }

    /// <summary>Follows nextCursor to the end.</summary>
    private static async Task<List<string>> All(HttpClient client, string query)
    {
        var ids = new List<string>();
        string? cursor = null;
        for (var pages = 0; pages < 100; pages++)
        {
            var separator = query.Length == 0 ? "?" : "&";
            var (page, next) = await Page(client, cursor is null ? query : query + separator + "cursor=" + cursor);
            ids.AddRange(page);
            if (next is null)
            {
                return ids;
            }
            cursor = next;
        }
        throw new InvalidOperationException("the list did not end");
    }

    [Fact]
    public async Task Payments_list_newest_first_with_batch_items_at_their_batch_place_across_pages()
    {
        var t = await host.CreateTenantWithAccountsAsync();
        using var submitter = host.Client(t.Key("submitter"));
        var first = await SubmitId(submitter, EurPayment(t.EurAccount, "10.00"));
        var batch = await SubmitBatchId(submitter, Batch(t.EurAccount, "1.00", "2.00", "3.00"));
        var second = await SubmitId(submitter, CnyPayment(t.CnyAccount, "20.00"));
        var third = await SubmitId(submitter, EurPayment(t.EurAccount, "30.00"));
        string[] expected = [third, second, $"pay_{batch[4..]}00000", $"pay_{batch[4..]}00001", $"pay_{batch[4..]}00002", first];

        using var viewer = host.Client(t.Key("viewer"));
        Assert.Equal(expected, (await Page(viewer, "")).Ids);
        // Pages of two end inside the batch and resume there; every payment exactly once, in order.
        Assert.Equal(expected, await All(viewer, "?limit=2"));
        Assert.Equal(expected, await All(viewer, "?limit=1"));
        Assert.Equal(expected[2..5], await All(viewer, $"?batchId={batch}&limit=2"));
    }

    [Fact]
    public async Task Payments_filter_by_account_amount_creditor_endToEndId_status_and_date()
    {
        var t = await host.CreateTenantWithAccountsAsync();
        using var submitter = host.Client(t.Key("submitter"));
        var small = await SubmitId(submitter, EurPayment(t.EurAccount, "10.00", e2e: "E2E-SMALL"));
        var large = await SubmitId(submitter, EurPayment(t.EurAccount, "5000.00", e2e: "E2E-LARGE"));
        var cny = await SubmitId(submitter, CnyPayment(t.CnyAccount, "250.00"));
        var batch = await SubmitBatchId(submitter, Batch(t.EurAccount, "7.00", "700.00"));
        using var approver = host.Client(t.Key("approver"));
        (await Act(approver, $"v1/payments/{large}/approve")).EnsureSuccessStatusCode();
        var item0 = $"pay_{batch[4..]}00000";
        var item1 = $"pay_{batch[4..]}00001";
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var tomorrow = DateTime.UtcNow.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        using var viewer = host.Client(t.Key("viewer"));
        Assert.Equal([item0, item1, large, small], await All(viewer, $"?debtorAccountId={t.EurAccount}"));
        Assert.Equal([cny], await All(viewer, $"?debtorAccountId={t.CnyAccount}"));
        Assert.Equal([item1, cny], await All(viewer, "?minAmount=100&maxAmount=1000"));
        Assert.Equal([item0, small], await All(viewer, "?maxAmount=10.000"));
        Assert.Equal([item1, large], await All(viewer, "?minAmount=700&currency=EUR"));
        Assert.Equal([large], await All(viewer, "?endToEndId=E2E-LARGE"));
        Assert.Equal([large], await All(viewer, "?status=approved"));
        Assert.Equal([item1], await All(viewer, "?creditorName=supplier%201"));
        Assert.Equal([cny], await All(viewer, "?creditorName=%E4%BE%9B%E5%BA%94%E5%95%86"));
        Assert.Equal([item0, item1], await All(viewer, "?creditorAccount=DE89%203704%200044%200532%200130%2000"));
        Assert.Equal([cny], await All(viewer, "?creditorAccount=6225880112345678"));
        Assert.Equal(5, (await All(viewer, $"?from={today}&to={today}")).Count);
        Assert.Empty(await All(viewer, $"?from={tomorrow}"));
        Assert.Empty(await All(viewer, "?to=2020-01-01"));
        Assert.Equal([item1], await All(viewer, $"?batchId={batch}&minAmount=100"));
    }

    [Theory]
    [InlineData("status=paid", "status")]
    [InlineData("from=2026-13-01", "from")]
    [InlineData("to=yesterday", "to")]
    [InlineData("from=2026-11-02&to=2026-11-01", "from")]
    [InlineData("minAmount=1e3", "minAmount")]
    [InlineData("maxAmount=-5", "maxAmount")]
    [InlineData("minAmount=10&maxAmount=5", "minAmount")]
    [InlineData("currency=eur", "currency")]
    [InlineData("creditorAccount=DE89-3704", "creditorAccount")]
    [InlineData("endToEndId=123456789012345678901234567890123456", "endToEndId")]
    [InlineData("debtorAccountId=acc'x", "debtorAccountId")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=501", "limit")]
    [InlineData("limit=ten", "limit")]
    public async Task Bad_list_parameters_are_field_errors(string query, string field)
    {
        var t = await host.CreateTenantAsync();
        using var viewer = host.Client(t.Key("viewer"));
        await BadInputTests.AssertProblem(await viewer.GetAsync("v1/payments?" + query), 400, field);
    }

    [Fact]
    public async Task A_malformed_tampered_or_foreign_cursor_is_a_400_not_page_one()
    {
        var t = await host.CreateTenantWithAccountsAsync();
        using var submitter = host.Client(t.Key("submitter"));
        for (var i = 0; i < 3; i++)
        {
            await SubmitId(submitter, EurPayment(t.EurAccount, $"{i + 1}.00"));
        }
        var batch = await SubmitBatchId(submitter, Batch(t.EurAccount, "1.00", "2.00", "3.00"));
        using var viewer = host.Client(t.Key("viewer"));
        var (_, cursor) = await Page(viewer, "?limit=1");
        Assert.NotNull(cursor);
        var tampered = cursor![..^1] + (cursor[^1] == 'A' ? 'B' : 'A');
        foreach (var bad in new[] { "abc", "not-a-cursor!", cursor + "x", tampered, "." + cursor, cursor.Split('.')[0] })
        {
            await BadInputTests.AssertProblem(await viewer.GetAsync($"v1/payments?limit=1&cursor={Uri.EscapeDataString(bad)}"), 400, "cursor");
        }
        // A cursor is bound to its filters and its tenant.
        await BadInputTests.AssertProblem(await viewer.GetAsync($"v1/payments?limit=1&status=approved&cursor={cursor}"), 400, "cursor");
        var other = await host.CreateTenantAsync();
        using var otherViewer = host.Client(other.Key("viewer"));
        await BadInputTests.AssertProblem(await otherViewer.GetAsync($"v1/payments?limit=1&cursor={cursor}"), 400, "cursor");
        // The batch's item pages too.
        var items = await viewer.GetFromJsonAsync<JsonElement>($"v1/payment-batches/{batch}?limit=1");
        var itemCursor = items.GetProperty("nextCursor").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync($"v1/payment-batches/{batch}?limit=1&cursor={itemCursor}")).StatusCode);
        await BadInputTests.AssertProblem(await viewer.GetAsync($"v1/payment-batches/{batch}?limit=1&cursor=abc"), 400, "cursor");
    }

    [Fact]
    public async Task Payments_and_batches_accepted_before_the_index_are_listed_after_the_operator_backfill()
    {
        var t = await host.CreateTenantWithAccountsAsync();
        using var submitter = host.Client(t.Key("submitter"));
        var old = await SubmitId(submitter, EurPayment(t.EurAccount, "11.00"));
        var batch = await SubmitBatchId(submitter, Batch(t.EurAccount, "1.00"));
        var recent = await SubmitId(submitter, EurPayment(t.EurAccount, "12.00"));
        // Data from before the index: remove the index rows of the first payment and of the batch.
        var table = host.Services.GetRequiredService<BankFunctions.Storage.StorageClients>().Table(BankFunctions.Storage.TableNames.TenantData);
        var partition = BankFunctions.Storage.TableKeys.TenantPartition(t.Id);
        await foreach (var entry in table.QueryAsync<BankFunctions.Storage.Rows.ListEntryRow>(
            $"PartitionKey eq '{partition}' and (SubjectId eq '{old}' or SubjectId eq '{batch}')"))
        {
            await table.DeleteEntityAsync(entry.PartitionKey, entry.RowKey);
        }
        using var viewer = host.Client(t.Key("viewer"));
        Assert.Equal([recent], await All(viewer, ""));

        using var op = host.Client(HostFixture.OperatorKey);
        var filled = await HostFixture.PostJson(op, $"v1/admin/tenants/{t.Id}/list-index", new { });
        Assert.Equal((2, 1), (filled.GetProperty("payments").GetInt32(), filled.GetProperty("batches").GetInt32()));
        Assert.Equal([recent, $"pay_{batch[4..]}00000", old], await All(viewer, ""));
        Assert.Equal([batch], (await viewer.GetFromJsonAsync<JsonElement>("v1/payment-batches")).GetProperty("items").EnumerateArray().Select(b => b.GetProperty("id").GetString()!));
        // Again: nothing doubles.
        await HostFixture.PostJson(op, $"v1/admin/tenants/{t.Id}/list-index", new { });
        Assert.Equal(3, (await All(viewer, "")).Count);
        Assert.Equal(HttpStatusCode.NotFound, (await op.PostAsync("v1/admin/tenants/ten_nobody/list-index", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsync($"v1/admin/tenants/{t.Id}/list-index", null)).StatusCode);
    }

    [Fact]
    public async Task Batches_list_newest_first_with_a_cursor()
    {
        var t = await host.CreateTenantWithAccountsAsync();
        using var submitter = host.Client(t.Key("submitter"));
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await SubmitBatchId(submitter, Batch(t.EurAccount, "1.00", $"{i + 2}.00")));
        }
        using var viewer = host.Client(t.Key("viewer"));
        var first = await viewer.GetFromJsonAsync<JsonElement>("v1/payment-batches?limit=2");
        Assert.Equal([ids[2], ids[1]], first.GetProperty("items").EnumerateArray().Select(b => b.GetProperty("id").GetString()!));
        Assert.Equal("pending_approval", first.GetProperty("items")[0].GetProperty("status").GetString());
        var second = await viewer.GetFromJsonAsync<JsonElement>($"v1/payment-batches?limit=2&cursor={first.GetProperty("nextCursor").GetString()}");
        Assert.Equal([ids[0]], second.GetProperty("items").EnumerateArray().Select(b => b.GetProperty("id").GetString()!));
        Assert.False(second.TryGetProperty("nextCursor", out var none) && none.ValueKind == JsonValueKind.String);
        Assert.Empty((await viewer.GetFromJsonAsync<JsonElement>($"v1/payment-batches?debtorAccountId={t.CnyAccount}")).GetProperty("items").EnumerateArray());
        await BadInputTests.AssertProblem(await viewer.GetAsync("v1/payment-batches?cursor=abc"), 400, "cursor");
        await BadInputTests.AssertProblem(await viewer.GetAsync("v1/payment-batches?limit=0"), 400, "limit");
    }
}
