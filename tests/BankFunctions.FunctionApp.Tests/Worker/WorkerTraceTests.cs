using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace BankFunctions.FunctionApp.Tests.Worker;

/// <summary>
/// Under the Functions worker too, the trace of the HTTP call that enqueued the work continues in the queue functions:
/// the driver gives every queue invocation a trace of its own (as the Functions host does), and the sign, dispatch and
/// status stages still record the submitting request's trace id in their audit rows.
/// </summary>
[Collection(WorkerCollection.Name)]
public sealed class WorkerTraceTests(WorkerFixture fixture)
{
    [Fact]
    public async Task The_submitting_calls_trace_id_continues_in_the_queue_functions()
    {
        var (_, key, account, _) = await fixture.OnboardAsync();
        using var client = fixture.Client(key);
        var traceId = ActivityTraceId.CreateRandom().ToString();
        using var submit = new HttpRequestMessage(HttpMethod.Post, "v1/payments")
        {
            Content = JsonContent.Create(new
            {
                debtorAccountId = account,
                amount = new { currency = "EUR", value = "15.00" },
                creditor = new { name = "Muster GmbH", iban = "GB82WEST12345698765432", bic = "NWBKGB2L" },
                remittanceInformation = "Invoice 43",
            }),
        };
        submit.Headers.Add("Idempotency-Key", "trace-" + Guid.NewGuid().ToString("N"));
        submit.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        var id = (await fixture.Expect(await client.SendAsync(submit), 201)).GetProperty("id").GetString()!;

        await fixture.Driver.PumpUntilAsync(async () =>
            (await client.GetFromJsonAsync<JsonElement>($"v1/payments/{id}")).GetProperty("status").GetString() == "completed", TimeSpan.FromSeconds(90));

        var audit = (await client.GetFromJsonAsync<JsonElement>("v1/audit?limit=1000")).GetProperty("items").EnumerateArray()
            .Where(a => a.GetProperty("subject").GetString() == id
                || (a.TryGetProperty("after", out var after) && after.ValueKind == JsonValueKind.String && after.GetString()!.Contains($"\"{id}\"", StringComparison.Ordinal)))
            .ToList();
        foreach (var action in new[] { "payment.created", "payment.signing", "payment.sent", "payment.completed" })
        {
            var row = audit.FirstOrDefault(a => a.GetProperty("action").GetString() == action);
            Assert.True(row.ValueKind == JsonValueKind.Object, $"no audit row {action}");
            Assert.Equal(traceId, row.GetProperty("traceId").GetString());
        }
    }
}
