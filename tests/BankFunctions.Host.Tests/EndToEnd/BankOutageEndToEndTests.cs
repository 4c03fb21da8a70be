using System.Net.Http.Json;
using System.Text.Json;
using BankFunctions.Features.Payments;
using BankFunctions.Storage;
using BankFunctions.Storage.Rows;
using static BankFunctions.Host.Tests.Payments.PaymentApi;

namespace BankFunctions.Host.Tests.EndToEnd;

/// <summary>
/// A bank that is down for longer than a queue message's five deliveries (a maintenance window, an outage): the
/// payments wait for it and go out once it is back, executed once — they do not become needs_attention.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class BankOutageEndToEndTests(EndToEndFixture e2e)
{
    // More attempts than a queue message's five deliveries: before, the fifth failure poisoned the message.
    private const int BeyondFiveDeliveries = 6;

    [Theory]
    [InlineData("simbank-iso", "/iso/v1/payment-files")]
    [InlineData("simbank-cmb", "BB1PAYOP")]
    public async Task Payments_wait_out_a_bank_that_refuses_every_send_and_go_out_once_when_it_is_back(string bank, string route)
    {
        var o = await e2e.OnboardAsync();
        var payment = bank == "simbank-iso" ? EurPayment(o.EurAccount, "77.00") : CnyPayment(o.CnyAccount, "77.00");
        var (id, file, waiting) = await DuringOutage(o, bank, route, payment, f => f.BankWaits >= BeyondFiveDeliveries, "signing");

        Assert.Equal("prepared", file.State);
        Assert.Contains("Retryable", file.LastError, StringComparison.Ordinal);
        Assert.Equal(0, await e2e.ExecutionsAsync(waiting.GetProperty("bankReference").GetString()!));
        await AssertCompletesOnce(o, id);
        // The bank answered the file that had waited: /health no longer calls it degraded.
        using var client = e2e.Host.Client();
        var health = await client.GetFromJsonAsync<JsonElement>("health");
        Assert.Equal("ok", health.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "bank:" + bank).GetProperty("status").GetString());
        // The tenant heard of it (issue #14): one unavailable when the first send had to wait, one available when the
        // bank answered, however many times the file waited in between.
        var flips = await ConnectionEventsAsync(o, count: 2);
        Assert.Equal(["bank_connection.unavailable", "bank_connection.available"], flips.Select(e => e.GetProperty("type").GetString()));
        Assert.All(flips, e => Assert.Equal(bank, e.GetProperty("data").GetProperty("bank").GetString()));
        Assert.Equal("HTTP500", flips[0].GetProperty("data").GetProperty("lastErrorCode").GetString());
        Assert.False(flips[0].GetProperty("data").GetProperty("available").GetBoolean());
        Assert.True(flips[1].GetProperty("data").GetProperty("available").GetBoolean());
    }

    /// <summary>The tenant's bank_connection.* events once there are <paramref name="count"/> (within 30 s), in feed order.</summary>
    private async Task<List<JsonElement>> ConnectionEventsAsync(EndToEndFixture.Onboarded o, int count)
    {
        using var viewer = e2e.Host.Client(o.Tenant.Key("viewer"));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var page = await viewer.GetFromJsonAsync<JsonElement>("v1/events?limit=1000");
            var flips = page.GetProperty("items").EnumerateArray()
                .Where(e => e.GetProperty("type").GetString()!.StartsWith("bank_connection.", StringComparison.Ordinal)).ToList();
            if (flips.Count >= count || DateTime.UtcNow > deadline)
            {
                return flips;
            }
            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task Status_polls_wait_out_a_bank_whose_status_service_is_down()
    {
        // Statements would also complete the payment (reconciliation, at a statements-schedule tick): pull them only on
        // 1 January, so this test sees the status polls alone.
        var o = await e2e.OnboardAsync(pullSchedule: "0 0 0 1 1 *");
        var (id, file, waiting) = await DuringOutage(o, "simbank-iso", "/iso/v1/payment-status", EurPayment(o.EurAccount, "78.00"),
            f => f.StatusPolls >= BeyondFiveDeliveries, "sent", "accepted");

        Assert.Equal("sent", file.State);
        Assert.Contains("Status query failed", file.LastError, StringComparison.Ordinal);
        Assert.Equal(1, await e2e.ExecutionsAsync(waiting.GetProperty("bankReference").GetString()!));
        await AssertCompletesOnce(o, id);
    }

    [Fact]
    public async Task During_an_outage_a_payment_shows_its_wait_health_says_degraded_and_cancel_stops_it_for_good()
    {
        var o = await e2e.OnboardAsync();
        using var client = e2e.Host.Client();
        using var submitter = e2e.Host.Client(o.Tenant.Key("submitter"));
        using var viewer = e2e.Host.Client(o.Tenant.Key("viewer"));
        (await e2e.Bank.PostAsJsonAsync("_sim/faults", new { bank = "simbank-iso", route = "/iso/v1/payment-files", kind = "error500", probability = 1.0, count = 100_000 })).EnsureSuccessStatusCode();
        string id;
        try
        {
            id = (await Json(await Submit(submitter, EurPayment(o.EurAccount, "79.00")))).GetProperty("id").GetString()!;
            var file = await FileWhen(o.Tenant.Id, id, f => f.BankWaits >= 2);
            Assert.Equal("prepared", file.State);

            var waiting = await viewer.GetFromJsonAsync<JsonElement>($"v1/payments/{id}");
            Assert.Equal("signing", waiting.GetProperty("status").GetString());
            Assert.True(waiting.TryGetProperty("bankUnavailableSince", out _));
            Assert.True(waiting.TryGetProperty("nextAttemptAt", out _));
            Assert.Equal("HTTP500", waiting.GetProperty("lastErrorCode").GetString());

            // The bank's front door answers (its probe is fine); its payment service does not.
            var health = await client.GetAsync("health");
            Assert.Equal(System.Net.HttpStatusCode.OK, health.StatusCode);
            var body = await health.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("degraded", body.GetProperty("status").GetString());
            var bank = body.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "bank:simbank-iso");
            Assert.Equal("degraded", bank.GetProperty("status").GetString());
            Assert.Contains("HTTP500", bank.GetProperty("detail").GetString(), StringComparison.Ordinal);

            Assert.Equal("cancelled", (await Json(await Act(submitter, $"v1/payments/{id}/cancel"))).GetProperty("status").GetString());
        }
        finally
        {
            await e2e.Bank.DeleteAsync("_sim/faults");
        }
        // The bank is back and the waits are 1 s here: the file's next dispatch comes and goes without sending it. It
        // finds the file final and drops the file's outbox row, which is how the test knows it came (no sleep).
        var cancelled = await FileWhen(o.Tenant.Id, id, _ => true);
        var table = e2e.Host.Services.GetRequiredService<StorageClients>().Table(TableNames.TenantData);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await table.GetEntityIfExistsAsync<OutboxRow>(cancelled.PartitionKey, TableKeys.OutboxRow(cancelled.FileId))).HasValue)
        {
            Assert.True(DateTime.UtcNow < deadline, "the cancelled file's next dispatch never came");
            await Task.Delay(100);
        }
        var after = await viewer.GetFromJsonAsync<JsonElement>($"v1/payments/{id}");
        Assert.Equal("cancelled", after.GetProperty("status").GetString());
        Assert.Equal(0, await e2e.ExecutionsAsync(after.GetProperty("bankReference").GetString()!));
        Assert.Equal("final", (await FileWhen(o.Tenant.Id, id, _ => true)).State);
    }

    /// <summary>Submits <paramref name="payment"/> while <paramref name="route"/> answers 500 to everything, until its file has <paramref name="waitedLongEnough"/>; then the bank is back.</summary>
    private async Task<(string Id, BankFileRow File, JsonElement Payment)> DuringOutage(
        EndToEndFixture.Onboarded o, string bank, string route, object payment, Func<BankFileRow, bool> waitedLongEnough, params string[] waitingStatuses)
    {
        (await e2e.Bank.PostAsJsonAsync("_sim/faults", new { bank, route, kind = "error500", probability = 1.0, count = 100_000 })).EnsureSuccessStatusCode();
        try
        {
            using var submitter = e2e.Host.Client(o.Tenant.Key("submitter"));
            var id = (await Json(await Submit(submitter, payment))).GetProperty("id").GetString()!;
            var file = await FileWhen(o.Tenant.Id, id, waitedLongEnough);
            return (id, file, await e2e.WaitForAsync(o.Tenant, id, TimeSpan.FromSeconds(5), waitingStatuses));
        }
        finally
        {
            await e2e.Bank.DeleteAsync("_sim/faults");
        }
    }

    private async Task AssertCompletesOnce(EndToEndFixture.Onboarded o, string id)
    {
        var done = await e2e.WaitForAsync(o.Tenant, id, TimeSpan.FromSeconds(30), "completed", "rejected", "failed", "needs_attention");
        Assert.Equal("completed", done.GetProperty("status").GetString());
        Assert.Equal(1, await e2e.ExecutionsAsync(done.GetProperty("bankReference").GetString()!));
    }

    /// <summary>The payment's bank file once <paramref name="condition"/> holds (within 60 s).</summary>
    private async Task<BankFileRow> FileWhen(string tenantId, string paymentId, Func<BankFileRow, bool> condition)
    {
        var table = e2e.Host.Services.GetRequiredService<StorageClients>().Table(TableNames.TenantData);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        BankFileRow? file = null;
        while (DateTime.UtcNow < deadline)
        {
            var payment = await e2e.Host.Services.GetRequiredService<PaymentStore>().FindAsync(tenantId, paymentId, default);
            if (payment?.FileId is { } fileId)
            {
                file = (await table.GetEntityAsync<BankFileRow>(TableKeys.TenantPartition(tenantId), TableKeys.BankFileRow(fileId))).Value;
                if (condition(file))
                {
                    return file;
                }
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"file of {paymentId}: state {file?.State}, {file?.BankWaits} waits, {file?.StatusPolls} polls, {file?.LastError}");
    }
}
