using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Azure.WebJobs.Script.Grpc.Messages;

namespace BankFunctions.FunctionApp.Tests.Worker;

/// <summary>
/// The built worker end to end, as the Functions host would run it: HTTP, Storage Queue and timer functions over the
/// gRPC contract, real Azurite messages (enqueued by the app's own IQueueSender, decoded per host.json), BankSim.
/// </summary>
[Collection(WorkerCollection.Name)]
public sealed class WorkerEndToEndTests(WorkerFixture fixture)
{
    [Fact]
    public async Task A_payment_goes_from_a_new_tenant_to_completed_at_the_bank()
    {
        var (_, key, account, _) = await fixture.OnboardAsync();
        using var client = fixture.Client(key);
        using var submit = new HttpRequestMessage(HttpMethod.Post, "v1/payments")
        {
            Content = JsonContent.Create(new
            {
                debtorAccountId = account,
                amount = new { currency = "EUR", value = "125.00" },
                creditor = new { name = "Muster GmbH", iban = "GB82WEST12345698765432", bic = "NWBKGB2L" },
                remittanceInformation = "Invoice 42",
            }),
        };
        submit.Headers.Add("Idempotency-Key", "inv-" + Guid.NewGuid().ToString("N"));
        var payment = await fixture.Expect(await client.SendAsync(submit), 201);
        var id = payment.GetProperty("id").GetString()!;
        var before = fixture.Driver.Invocations.Count;

        await fixture.Driver.PumpUntilAsync(async () => await StatusAsync(client, id) == "completed", TimeSpan.FromSeconds(90));

        // Each stage ran through its queue trigger (a retried delivery may fail first: that is the design, so only
        // a successful one is required, and the bank executed the payment exactly once).
        var ran = fixture.Driver.Invocations.Skip(before).ToList();
        foreach (var stage in new[] { "SignPayments", "DispatchPayments", "PollPaymentStatus" })
        {
            Assert.Contains(ran, i => i.Function == stage && i.Response.Result.Status == StatusResult.Types.Status.Success);
        }
        var executed = (await fixture.Bank.GetFromJsonAsync<JsonElement>("_sim/ledger")).GetProperty("entries").EnumerateArray()
            .Count(e => e.GetProperty("reference").GetString() is { } reference && payment.GetProperty("bankReference").GetString() == reference);
        Assert.Equal(1, executed);
        // The worker's logs reach the Functions host (RpcLog) under the same categories the ASP.NET Core host logs.
        Assert.Contains(fixture.Driver.Connection.Logs, log =>
            log.Category == "BankFunctions.Features.Dispatch.DispatchPayments" && log.Message.StartsWith("Dispatched file", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_refresh_queues_a_pull_that_the_queue_trigger_runs()
    {
        var (_, key, account, _) = await fixture.OnboardAsync();
        using var admin = fixture.Client(key);
        await fixture.Expect(await admin.PostAsync($"v1/accounts/{account}/refresh", null), 202);

        var delivered = await fixture.Driver.DeliverNextAsync("statements-pull");

        Assert.True(delivered);
        var (function, response) = fixture.Driver.Invocations.Last();
        Assert.Equal("PullStatements", function);
        Assert.True(response.Result.Status == StatusResult.Types.Status.Success, response.Result.Exception?.Message);
    }

    [Theory]
    [InlineData("OutboxSweep")]
    [InlineData("StatementsSchedule")]
    public async Task Timer_functions_run(string name)
    {
        var response = await fixture.Driver.InvokeTimerAsync(name);

        Assert.True(response.Result.Status == StatusResult.Types.Status.Success, response.Result.Exception?.Message);
    }

    private static async Task<string?> StatusAsync(HttpClient client, string id) =>
        (await client.GetFromJsonAsync<JsonElement>($"v1/payments/{id}")).GetProperty("status").GetString();
}
