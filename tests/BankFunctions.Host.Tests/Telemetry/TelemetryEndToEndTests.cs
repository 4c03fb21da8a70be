using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BankFunctions.Features.Telemetry;
using TelemetryNames = BankFunctions.Features.Telemetry.Telemetry;
using BankFunctions.Host.Tests.EndToEnd;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using static BankFunctions.Host.Tests.Payments.PaymentApi;
using Metric = OpenTelemetry.Metrics.Metric;

namespace BankFunctions.Host.Tests.Telemetry;

/// <summary>
/// The real host with OpenTelemetry collecting (Telemetry__Exporter=custom) into in-memory exporters. Other hosts of
/// the test run share the process (and .NET's process-wide sources and meters), so spans are picked by this journey's
/// trace id and metrics by their attributes, never counted exactly.
/// </summary>
public sealed class TelemetryFixture : EndToEndFixture
{
    public List<Activity> Spans { get; } = [];
    public List<Metric> Metrics { get; } = [];

    protected override void ConfigureHost(HostFixture host)
    {
        host.Settings["Telemetry:Exporter"] = "custom";
        host.OverrideServices = services => services
            .ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(Spans))
            .ConfigureOpenTelemetryMeterProvider(m => m.AddInMemoryExporter(Metrics));
    }

    /// <summary>Everything recorded so far, exported now (the in-memory metric reader otherwise exports once a minute).</summary>
    public void Flush()
    {
        Host.Services.GetRequiredService<TracerProvider>().ForceFlush();
        Host.Services.GetRequiredService<MeterProvider>().ForceFlush();
    }
}

/// <summary>
/// Alone, after the parallel tests: an OpenTelemetry provider listens to the process-wide sources, so while it lives
/// every HttpClient of the test process makes its own span and sends that span's traceparent in place of one a test
/// set by hand (the trace tests of the other classes would see another trace id).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection : ICollectionFixture<TelemetryFixture>
{
    public const string Name = "Telemetry, alone";
}

[Collection(TelemetryCollection.Name)]
public sealed class TelemetryEndToEndTests(TelemetryFixture e2e)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task One_payment_journey_is_one_trace_from_the_request_through_every_queue_to_the_bank_calls()
    {
        var o = await e2e.OnboardAsync();
        // The caller's own trace: the test's HttpClient (instrumented in this process) sends it as the traceparent.
        string id;
        ActivityTraceId trace;
        // Sampled (flag 01), as a caller that records its traces sends it; an unsampled parent is not recorded downstream.
        using (var caller = new Activity("treasury system submits a payment") { ActivityTraceFlags = ActivityTraceFlags.Recorded }.Start())
        {
            trace = caller.TraceId;
            using var submitter = e2e.Host.Client(o.Tenant.Key("submitter"));
            id = (await HostFixture.PostJson(submitter, "v1/payments", EurPayment(o.EurAccount, "12.00"), Guid.NewGuid().ToString())).GetProperty("id").GetString()!;
        }

        await e2e.WaitForAsync(o.Tenant, id, Timeout, "completed");
        e2e.Flush();

        List<Activity> journey;
        lock (e2e.Spans)
        {
            journey = e2e.Spans.Where(s => s.TraceId == trace).ToList();
        }
        var names = journey.Select(s => s.DisplayName).ToHashSet();
        Assert.True(journey.Count > 0, $"no span of trace {trace} among {e2e.Spans.Count}");
        // The request (ASP.NET Core's server span), every stage's queue message, the bank calls, storage and outgoing HTTP.
        Assert.Contains(journey, s => s.Kind == ActivityKind.Server && s.DisplayName.StartsWith("POST /v1/payments", StringComparison.Ordinal));
        Assert.Contains("process payments-sign", names);
        Assert.Contains("process payments-dispatch", names);
        Assert.Contains("process payments-status", names);
        var send = Assert.Single(journey, s => s.DisplayName == "bank send_payment_file");
        Assert.Equal(ActivityKind.Client, send.Kind);
        Assert.Equal("simbank-iso", send.GetTagItem(TelemetryNames.BankTag));
        Assert.Equal("send_payment_file", send.GetTagItem(TelemetryNames.OperationTag));
        Assert.Equal("Success", send.GetTagItem(TelemetryNames.OutcomeTag));
        Assert.Contains(journey, s => s.DisplayName == "bank query_payment_status" && (string?)s.GetTagItem(TelemetryNames.OutcomeTag) == "Success");
        Assert.Contains(journey, s => s.Kind == ActivityKind.Client && s.Source.Name == "System.Net.Http" && s.ParentSpanId == send.SpanId);
        Assert.Contains(journey, s => s.Source.Name.StartsWith("Azure.", StringComparison.Ordinal));
        // The bank call's span hangs under the dispatch message's span.
        var dispatch = journey.Single(s => s.SpanId == send.ParentSpanId);
        Assert.Equal("process payments-dispatch", dispatch.DisplayName);

        var points = Points();
        Assert.Contains(points, p => p.Metric == TelemetryNames.BankCalls && p.Tags.GetValueOrDefault(TelemetryNames.BankTag) == "simbank-iso"
            && p.Tags.GetValueOrDefault(TelemetryNames.OperationTag) == "send_payment_file" && p.Tags.GetValueOrDefault(TelemetryNames.OutcomeTag) == "Success");
        Assert.Contains(points, p => p.Metric == TelemetryNames.BankCallDuration && p.Tags.GetValueOrDefault(TelemetryNames.OperationTag) == "query_payment_status");
        Assert.Contains(points, p => p.Metric == TelemetryNames.PaymentTransitions && p.Tags.GetValueOrDefault(TelemetryNames.StatusTag) == "completed" && p.Tags.GetValueOrDefault(TelemetryNames.BankTag) == "simbank-iso");
        Assert.Contains(points, p => p.Metric == TelemetryNames.SubmitToAccepted && p.Tags.GetValueOrDefault(TelemetryNames.BankTag) == "simbank-iso");
        using var viewer = e2e.Host.Client(o.Tenant.Key("viewer"));
        var history = (await viewer.GetFromJsonAsync<JsonElement>($"v1/payments/{id}")).GetProperty("statusHistory").EnumerateArray().Select(h => h.GetProperty("status").GetString());
        if (history.Contains("accepted"))
        {
            Assert.Contains(points, p => p.Metric == TelemetryNames.AcceptedToCompleted && p.Tags.GetValueOrDefault(TelemetryNames.BankTag) == "simbank-iso");
        }
        Assert.Contains(points, p => p.Metric == TelemetryNames.MessageDuration && p.Tags.GetValueOrDefault(TelemetryNames.QueueTag) == "payments-dispatch" && p.Tags.GetValueOrDefault(TelemetryNames.OutcomeTag) == "ok");
        Assert.Contains(points, p => p.Metric == "http.server.request.duration");
    }

    [Fact]
    public async Task The_overview_and_the_gauges_report_the_same_platform_figures()
    {
        var o = await e2e.OnboardAsync();
        // An endpoint whose receiver refuses connections: its pump stays behind the payment's events (the backlog).
        using var receiver = new BankFunctions.TestSupport.WebhookReceiver();
        receiver.Down();
        string endpointId;
        using (var admin = e2e.Host.Client(o.Tenant.Key("admin")))
        {
            endpointId = (await HostFixture.PostJson(admin, "v1/webhook-endpoints", new { url = receiver.Url }, null)).GetProperty("id").GetString()!;
        }
        using (var submitter = e2e.Host.Client(o.Tenant.Key("submitter")))
        {
            var id = (await HostFixture.PostJson(submitter, "v1/payments", EurPayment(o.EurAccount, "13.00"), Guid.NewGuid().ToString())).GetProperty("id").GetString()!;
            await e2e.WaitForAsync(o.Tenant, id, Timeout, "completed");
        }
        using var op = e2e.Host.Client(HostFixture.OperatorKey);
        var overview = await op.GetFromJsonAsync<JsonElement>("v1/admin/overview");

        var tenant = overview.GetProperty("tenants").EnumerateArray().Single(t => t.GetProperty("tenantId").GetString() == o.Tenant.Id);
        Assert.True(tenant.GetProperty("payments").GetProperty("completed").GetInt64() >= 1);
        Assert.Equal(0, tenant.GetProperty("needsAttention").GetInt64());
        var eur = tenant.GetProperty("accounts").EnumerateArray().Single(a => a.GetProperty("accountId").GetString() == o.EurAccount);
        Assert.Equal("simbank-iso", eur.GetProperty("bank").GetString());
        Assert.Equal(15 * 60, eur.GetProperty("scheduleSeconds").GetInt64());
        Assert.False(eur.GetProperty("stale").GetBoolean());
        Assert.Equal(BankFunctions.Storage.QueueNames.All,
            overview.GetProperty("queues").EnumerateArray().Select(q => q.GetProperty("name").GetString()));
        var iso = overview.GetProperty("banks").EnumerateArray().Single(b => b.GetProperty("bank").GetString() == "simbank-iso");
        Assert.Equal("closed", iso.GetProperty("circuit").GetString());
        var sends = iso.GetProperty("calls").EnumerateArray().Single(c => c.GetProperty("operation").GetString() == InstrumentedBankAdapter.Send);
        Assert.True(sends.GetProperty("calls").GetInt64() >= 1);
        Assert.Equal(sends.GetProperty("calls").GetInt64(), sends.GetProperty("successes").GetInt64());
        Assert.Equal("1.0000", sends.GetProperty("successRate").GetString());
        Assert.True(overview.GetProperty("totals").GetProperty("payments").GetProperty("completed").GetInt64() >= 1);
        var hook = Assert.Single(tenant.GetProperty("webhooks").EnumerateArray());
        Assert.Equal(endpointId, hook.GetProperty("endpointId").GetString());
        Assert.True(hook.GetProperty("backlog").GetInt64() >= 1, hook.GetRawText());
        Assert.True(overview.GetProperty("totals").GetProperty("webhookBacklog").GetInt64() >= hook.GetProperty("backlog").GetInt64());

        // The gauges read the same cached figures.
        e2e.Flush();
        var points = Points();
        Assert.Contains(points, p => p.Metric == OverviewGauges.QueueLength && p.Tags.GetValueOrDefault(TelemetryNames.QueueTag) == "payments-dispatch-poison");
        Assert.Contains(points, p => p.Metric == OverviewGauges.Payments && p.Tags.GetValueOrDefault(TelemetryNames.BankTag) == "simbank-iso" && p.Tags.GetValueOrDefault(TelemetryNames.StatusTag) == "completed");
        Assert.Contains(points, p => p.Metric == OverviewGauges.StatementAge && p.Tags.GetValueOrDefault(TelemetryNames.AccountTag) == o.EurAccount);
        Assert.Contains(points, p => p.Metric == OverviewGauges.Circuit && p.Tags.GetValueOrDefault(TelemetryNames.BankTag) == "simbank-iso" && p.Value == 0);
        Assert.Contains(points, p => p.Metric == OverviewGauges.StatementsStale);
        Assert.Contains(points, p => p.Metric == OverviewGauges.WebhookBacklog && p.Tags.GetValueOrDefault(TelemetryNames.WebhookEndpointTag) == endpointId && p.Value >= 1);
    }

    [Fact]
    public async Task The_overview_is_for_the_operator_only()
    {
        var tenant = await e2e.Host.CreateTenantAsync();
        using var admin = e2e.Host.Client(tenant.Key("admin"));
        var refused = await admin.GetAsync("v1/admin/overview");
        Assert.True(refused.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, refused.StatusCode.ToString());
    }

    private sealed record Point(string Metric, Dictionary<string, string?> Tags, double Value);

    private List<Point> Points()
    {
        List<Metric> metrics;
        lock (e2e.Metrics)
        {
            metrics = [.. e2e.Metrics];
        }
        var points = new List<Point>();
        foreach (var metric in metrics)
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                var tags = new Dictionary<string, string?>(StringComparer.Ordinal);
                foreach (var tag in point.Tags)
                {
                    tags[tag.Key] = tag.Value?.ToString();
                }
                var value = metric.MetricType switch
                {
                    MetricType.LongGauge => point.GetGaugeLastValueLong(),
                    MetricType.LongSum => point.GetSumLong(),
                    MetricType.Histogram => point.GetHistogramCount(),
                    _ => 0,
                };
                points.Add(new Point(metric.Name, tags, value));
            }
        }
        return points;
    }
}
