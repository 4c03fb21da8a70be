using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BankFunctions.Features.BankConnections;
using BankFunctions.Features.Profiles;
using BankFunctions.Features.Runtime;
using BankFunctions.Features.Statements;
using BankFunctions.TestSupport;
using static BankFunctions.Host.Tests.Payments.PaymentApi;

namespace BankFunctions.Host.Tests.EndToEnd;

/// <summary>Statement pulls against BankSim: entries stored once across feeds and pulls, balances, reconciliation.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class StatementPullEndToEndTests(EndToEndFixture e2e)
{
    // A bound on waiting, not a speed target: 60 payments, their bookings, events and e-receipts on a 2-core CI machine
    // running the other test classes in parallel took 31-57 s (two clean-clone runs, 2026-12-06).
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Iso_pull_books_the_payment_once_across_feeds_and_pulls_and_sets_the_balance()
    {
        var o = await e2e.OnboardAsync(isoBalance: "1000.00");
        using var submitter = e2e.Host.Client(o.Tenant.Key("submitter"));
        var id = (await Json(await Submit(submitter, EurPayment(o.EurAccount, "250.00")))).GetProperty("id").GetString()!;
        await e2e.WaitForAsync(o.Tenant, id, Timeout, "completed");

        // The scheduled path: the timer queues a pull for every due account.
        using (var scope = e2e.Host.Services.CreateScope())
        {
            var now = DateTimeOffset.UtcNow;
            await scope.ServiceProvider.GetRequiredService<ScheduleStatementPulls>()
                .RunAsync(new TimerTick("StatementsSchedule", now, now.AddMinutes(-16)), CancellationToken.None);
        }
        var entry = await WaitForEntryAsync(o, o.EurAccount, e => e.GetProperty("paymentIds").EnumerateArray().Any(p => p.GetString() == id));
        Assert.True(entry.GetProperty("matched").GetBoolean());
        Assert.Equal(-250.00m, Amount(entry.GetProperty("amount")));
        // The entry and the payment's booking are two transactions (the reconciler's comes second): wait for the booking.
        var payment = await e2e.WaitForAsync(o.Tenant, id, Timeout, "completed");
        await WaitUntilAsync(async () =>
            (payment = await e2e.WaitForAsync(o.Tenant, id, Timeout, "completed")).TryGetProperty("bookingReference", out var booked) && booked.ValueKind == JsonValueKind.String);
        Assert.Equal(entry.GetProperty("bankReference").GetString(), payment.GetProperty("bookingReference").GetString());

        // Two more pulls at once (camt.054 and camt.052 both carry the booking every time): still one entry.
        using var admin = e2e.Host.Client(o.Tenant.Key("admin"));
        var before = await LastPullAsync(o, o.EurAccount);
        await Task.WhenAll(Refresh(admin, o.EurAccount), Refresh(admin, o.EurAccount));
        await WaitUntilAsync(async () => await LastPullAsync(o, o.EurAccount) > before);
        // Both pulls have finished, not only the first: their messages are deleted (the count includes messages in flight).
        await WaitUntilAsync(async () => (await PullQueue().GetPropertiesAsync()).Value.ApproximateMessagesCount == 0);
        Assert.Single(await TransactionsAsync(o, o.EurAccount));

        // Balances are applied after the entries of each pull: wait for them rather than race the last feed.
        JsonElement balances = default;
        await WaitUntilAsync(async () => (balances = await BalancesAsync(o, o.EurAccount)).TryGetProperty("booked", out var b)
            && b.ValueKind == JsonValueKind.Object && Amount(b.GetProperty("value")) == 750.00m);
        Assert.Contains("camt.052", balances.GetProperty("booked").GetProperty("source").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Iso_return_reported_in_camt054_makes_the_completed_payment_returned()
    {
        var o = await e2e.OnboardAsync();
        (await e2e.Bank.PostAsJsonAsync("_sim/faults", new { bank = "simbank-iso", route = "/iso/v1/payment-files", kind = "bounce", probability = 1.0, count = 1 })).EnsureSuccessStatusCode();
        try
        {
            using var submitter = e2e.Host.Client(o.Tenant.Key("submitter"));
            using var admin = e2e.Host.Client(o.Tenant.Key("admin"));
            var id = (await Json(await Submit(submitter, EurPayment(o.EurAccount, "77.00")))).GetProperty("id").GetString()!;
            await e2e.WaitForAsync(o.Tenant, id, Timeout, "completed");

            JsonElement payment = default;
            await WaitUntilAsync(async () =>
            {
                await Refresh(admin, o.EurAccount);
                await Task.Delay(700);
                payment = await e2e.WaitForAsync(o.Tenant, id, Timeout, "completed", "returned");
                return payment.GetProperty("status").GetString() == "returned";
            });
            Assert.Equal("AC04", payment.GetProperty("bankStatusCode").GetString());
            Assert.Contains("AC04", payment.GetProperty("statusReason").GetString(), StringComparison.Ordinal);
            Assert.Equal(1, await e2e.ExecutionsAsync(payment.GetProperty("bankReference").GetString()!));

            var entries = await TransactionsAsync(o, o.EurAccount);
            var returned = Assert.Single(entries, e => e.TryGetProperty("returnReason", out var r) && r.ValueKind == JsonValueKind.String);
            Assert.Equal(77.00m, Amount(returned.GetProperty("amount")));
            Assert.Equal(id, returned.GetProperty("paymentIds")[0].GetString());
        }
        finally
        {
            await e2e.Bank.DeleteAsync("_sim/faults");
        }
    }

    [Fact]
    public async Task Cmb_pull_stores_the_detail_once_and_reads_booked_and_available_balances()
    {
        var o = await e2e.OnboardAsync(cnyBalance: "5000.00");
        using var submitter = e2e.Host.Client(o.Tenant.Key("submitter"));
        using var admin = e2e.Host.Client(o.Tenant.Key("admin"));
        var id = (await Json(await Submit(submitter, CnyPayment(o.CnyAccount, "1250.00")))).GetProperty("id").GetString()!;
        var done = await e2e.WaitForAsync(o.Tenant, id, Timeout, "completed");

        Assert.Equal(HttpStatusCode.Accepted, (await Refresh(admin, o.CnyAccount)).StatusCode);
        var entry = await WaitForEntryAsync(o, o.CnyAccount, e => e.GetProperty("matched").GetBoolean());
        Assert.Equal(done.GetProperty("bankReference").GetString(), entry.GetProperty("customerReference").GetString());
        Assert.Equal(id, entry.GetProperty("paymentIds")[0].GetString());

        var before = await LastPullAsync(o, o.CnyAccount);
        await Refresh(admin, o.CnyAccount);
        await WaitUntilAsync(async () => await LastPullAsync(o, o.CnyAccount) > before);
        Assert.Single(await TransactionsAsync(o, o.CnyAccount));

        JsonElement balances = default;
        await WaitUntilAsync(async () => (balances = await BalancesAsync(o, o.CnyAccount)).TryGetProperty("booked", out var b)
            && b.ValueKind == JsonValueKind.Object && Amount(b.GetProperty("value")) == 3750.00m
            && balances.TryGetProperty("available", out var a) && a.ValueKind == JsonValueKind.Object);
        Assert.Equal(3750.00m, Amount(balances.GetProperty("available").GetProperty("value")));
    }

    [Fact]
    public async Task Batch_bookings_and_paged_details_reconcile_every_payment()
    {
        var o = await e2e.OnboardAsync();
        using var submitter = e2e.Host.Client(o.Tenant.Key("submitter"));
        using var admin = e2e.Host.Client(o.Tenant.Key("admin"));
        var payroll = await SubmitBatchAsync(submitter, new
        {
            debtorAccountId = o.EurAccount, kind = "payroll",
            items = Enumerable.Range(0, 3).Select(i => new { amount = new { currency = "EUR", value = $"{200 + i}.00" }, creditor = new { name = $"Employee {i}", iban = "GB82WEST12345698765432" }, remittanceInformation = "Salary" }),
        });
        // 60 payments: more than one DCTRSINF page (50 rows), so the pull pages and later resumes today's last page.
        var suppliers = await SubmitBatchAsync(submitter, new
        {
            debtorAccountId = o.CnyAccount, kind = "payments",
            items = Enumerable.Range(0, 60).Select(i => new { amount = new { currency = "CNY", value = $"{10 + i}.00" }, creditor = new { name = $"供应商{i}", accountNumber = $"62258801000001{i:D2}", bankCode = "308584000013" }, remittanceInformation = "货款" }),
        });
        await WaitForBatchAsync(o, payroll, 3);
        await WaitForBatchAsync(o, suppliers, 60);

        await Refresh(admin, o.EurAccount);
        await Refresh(admin, o.CnyAccount);
        var booking = await WaitForEntryAsync(o, o.EurAccount, e => e.GetProperty("paymentIds").GetArrayLength() == 3);
        Assert.Equal(-603.00m, Amount(booking.GetProperty("amount")));
        Assert.Equal(3, booking.GetProperty("details").GetArrayLength());
        // Money is a decimal string, never a JSON number (API.md), in each transaction of a batch booking too.
        Assert.All(booking.GetProperty("details").EnumerateArray(), d => Assert.Equal(JsonValueKind.String, d.GetProperty("amount").ValueKind));
        await WaitUntilAsync(async () => (await AllTransactionsAsync(o, o.CnyAccount)).Count(e => e.GetProperty("matched").GetBoolean()) == 60);
        // The first pull has finished once its cursor is set (entries are stored before each page's cursor is saved).
        await WaitUntilAsync(async () => await DctrsinfCursorAsync(o) is not null);

        var before = await LastPullAsync(o, o.CnyAccount);
        var settledBefore = SettledCmbDay();
        await Refresh(admin, o.CnyAccount);
        await WaitUntilAsync(async () => await LastPullAsync(o, o.CnyAccount) > before);
        Assert.Equal(60, (await AllTransactionsAsync(o, o.CnyAccount)).Count);
        // Outside the first half hour of the bank's day the second pull resumes today's last page ("today|50"); inside
        // it, the previous day is read again on purpose (PullStatements' midnight margin) and the cursor names that day.
        // The test runs at any time of day (it failed every day between 16:00 and 16:30 UTC before it said so).
        var expected = new[] { settledBefore, SettledCmbDay() }.Select(day => day == CmbToday() ? $"{day:yyyy-MM-dd}|50" : $"{day:yyyy-MM-dd}").ToHashSet(StringComparer.Ordinal);
        await WaitUntilAsync(async () => expected.Contains(await DctrsinfCursorAsync(o) ?? ""));
    }

    private DateOnly CmbToday() => e2e.Host.Services.GetRequiredService<BankProfiles>().Today("simbank-cmb", DateTimeOffset.UtcNow);

    /// <summary>The day PullStatements treats as not yet settled: today, or yesterday in the first 30 minutes of today.</summary>
    private DateOnly SettledCmbDay() => e2e.Host.Services.GetRequiredService<BankProfiles>().Today("simbank-cmb", DateTimeOffset.UtcNow - TimeSpan.FromMinutes(30));

    private async Task<string?> DctrsinfCursorAsync(EndToEndFixture.Onboarded o)
    {
        var feed = (await BalancesAsync(o, o.CnyAccount)).GetProperty("feeds").EnumerateArray().Single(f => f.GetProperty("feed").GetString() == "dctrsinf");
        return feed.TryGetProperty("cursor", out var cursor) && cursor.ValueKind == JsonValueKind.String ? cursor.GetString() : null;
    }

    private async Task<string> SubmitBatchAsync(HttpClient submitter, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/payment-batches") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        var response = await submitter.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private async Task WaitForBatchAsync(EndToEndFixture.Onboarded o, string batchId, int completed)
    {
        using var viewer = e2e.Host.Client(o.Tenant.Key("viewer"));
        await WaitUntilAsync(async () =>
        {
            var batch = await viewer.GetFromJsonAsync<JsonElement>($"v1/payment-batches/{batchId}");
            return batch.GetProperty("counts").TryGetProperty("completed", out var c) && c.GetInt32() == completed;
        });
    }

    private async Task<List<JsonElement>> AllTransactionsAsync(EndToEndFixture.Onboarded o, string account)
    {
        using var viewer = e2e.Host.Client(o.Tenant.Key("viewer"));
        var all = new List<JsonElement>();
        string? cursor = null;
        do
        {
            var page = await viewer.GetFromJsonAsync<JsonElement>($"v1/accounts/{account}/transactions?limit=25" + (cursor is null ? "" : "&cursor=" + cursor));
            all.AddRange(page.GetProperty("items").EnumerateArray());
            cursor = page.TryGetProperty("nextCursor", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        }
        while (cursor is not null);
        return all;
    }

    private Azure.Storage.Queues.QueueClient PullQueue() =>
        e2e.Host.Services.GetRequiredService<BankFunctions.Storage.StorageClients>().Queues.GetQueueClient(BankFunctions.Storage.QueueNames.StatementsPull);

    private static Task<HttpResponseMessage> Refresh(HttpClient admin, string account) => admin.PostAsync($"v1/accounts/{account}/refresh", null);

    private async Task<List<JsonElement>> TransactionsAsync(EndToEndFixture.Onboarded o, string account)
    {
        using var viewer = e2e.Host.Client(o.Tenant.Key("viewer"));
        return (await viewer.GetFromJsonAsync<JsonElement>($"v1/accounts/{account}/transactions")).GetProperty("items").EnumerateArray().ToList();
    }

    private async Task<JsonElement> BalancesAsync(EndToEndFixture.Onboarded o, string account)
    {
        using var viewer = e2e.Host.Client(o.Tenant.Key("viewer"));
        return await viewer.GetFromJsonAsync<JsonElement>($"v1/accounts/{account}/balances");
    }

    /// <summary>The latest successful pull over all feeds of the account.</summary>
    private async Task<DateTimeOffset> LastPullAsync(EndToEndFixture.Onboarded o, string account) =>
        (await BalancesAsync(o, account)).GetProperty("feeds").EnumerateArray()
            .Select(f => f.TryGetProperty("lastSuccessAt", out var at) && at.ValueKind == JsonValueKind.String ? at.GetDateTimeOffset() : DateTimeOffset.MinValue)
            .DefaultIfEmpty(DateTimeOffset.MinValue).Max();

    private async Task<JsonElement> WaitForEntryAsync(EndToEndFixture.Onboarded o, string account, Func<JsonElement, bool> match)
    {
        JsonElement found = default;
        await WaitUntilAsync(async () =>
        {
            var hit = (await TransactionsAsync(o, account)).Where(match).ToList();
            found = hit.FirstOrDefault();
            return hit.Count > 0;
        });
        return found;
    }

    private static Task WaitUntilAsync(Func<Task<bool>> condition) => Eventually.HoldsAsync(condition, Timeout);

    private static decimal Amount(JsonElement value) => decimal.Parse(value.GetString()!, CultureInfo.InvariantCulture);
}
