using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using static BankFunctions.Host.Tests.Payments.PaymentApi;

namespace BankFunctions.Host.Tests.EndToEnd;

/// <summary>
/// One trace per payment journey (issue #18 item 5): the traceparent of the request that caused the work travels in
/// each queue message, so the sign, dispatch and status stages — and their audit rows — carry its trace id.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class TraceEndToEndTests(EndToEndFixture e2e)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task The_approving_requests_trace_continues_through_sign_dispatch_and_status()
    {
        var o = await e2e.OnboardAsync();
        using (var admin = e2e.Host.Client(o.Tenant.Key("admin")))
        {
            (await admin.PutAsJsonAsync("v1/approval-rules", new { rules = new[] { new { currency = "EUR", minAmount = "0.00", approvals = 1 } } })).EnsureSuccessStatusCode();
        }
        var submitTrace = ActivityTraceId.CreateRandom().ToString();
        var approveTrace = ActivityTraceId.CreateRandom().ToString();
        using var submitter = e2e.Host.Client(o.Tenant.Key("submitter"));
        using var submit = new HttpRequestMessage(HttpMethod.Post, "v1/payments") { Content = JsonContent.Create(EurPayment(o.EurAccount, "12.00")) };
        submit.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        submit.Headers.Add("traceparent", TraceParent(submitTrace));
        var id = (await Json(await submitter.SendAsync(submit))).GetProperty("id").GetString()!;
        using var approver = e2e.Host.Client(o.Tenant.Key("approver"));
        using var approve = new HttpRequestMessage(HttpMethod.Post, $"v1/payments/{id}/approve");
        approve.Headers.Add("traceparent", TraceParent(approveTrace));
        (await approver.SendAsync(approve)).EnsureSuccessStatusCode();

        await e2e.WaitForAsync(o.Tenant, id, Timeout, "completed");

        using var auditor = e2e.Host.Client(o.Tenant.Key("admin"));
        var audit = (await auditor.GetFromJsonAsync<JsonElement>("v1/audit?limit=1000")).GetProperty("items").EnumerateArray()
            .Where(a => a.GetProperty("subject").GetString() == id
                || (a.TryGetProperty("after", out var after) && after.ValueKind == JsonValueKind.String && after.GetString()!.Contains($"\"{id}\"", StringComparison.Ordinal)))
            .ToList();
        string? TraceOf(string action) => audit.First(a => a.GetProperty("action").GetString() == action).GetProperty("traceId").GetString();
        Assert.Equal(submitTrace, TraceOf("payment.created"));
        Assert.Equal(approveTrace, TraceOf("payment.approved"));
        Assert.Equal(approveTrace, TraceOf("payment.signing"));   // system:SignPayments, payments-sign
        Assert.Equal(approveTrace, TraceOf("payment.sent"));      // system:DispatchPayments, payments-dispatch
        Assert.Equal(approveTrace, TraceOf("payment.completed")); // system:PollPaymentStatus, payments-status (polls chain)
    }

    private static string TraceParent(string traceId) => $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01";
}
