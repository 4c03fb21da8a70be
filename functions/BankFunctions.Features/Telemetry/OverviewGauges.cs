using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;

namespace BankFunctions.Features.Telemetry;

/// <summary>
/// The platform figures as observable gauges (issue #16 business metrics), read from the one cached
/// <see cref="PlatformOverviewService"/> the overview route uses. A meter of the host's own (IMeterFactory, same name
/// as <see cref="Telemetry.Meter"/>), so the gauges go with the host that made them. A gauge reports nothing until the
/// first read has finished (started by the first collection).
/// </summary>
public sealed class OverviewGauges : IHostedService
{
    public const string QueueLength = "bankfn.queue.length";
    public const string QueueOldestAge = "bankfn.queue.oldest_message_age";
    public const string Payments = "bankfn.payments";
    public const string NeedsAttention = "bankfn.payments.needs_attention";
    public const string StatementAge = "bankfn.statement.age";
    public const string StatementsStale = "bankfn.statements.stale";
    public const string UnmatchedEntries = "bankfn.entries.unmatched";
    public const string Circuit = "bankfn.bank.circuit";
    public const string WebhookBacklog = "bankfn.webhooks.backlog";

    public OverviewGauges(IMeterFactory meters, PlatformOverviewService overview, TelemetryOptions options)
    {
        if (!options.OverviewGauges)
        {
            return;
        }
        var meter = meters.Create(Telemetry.Name);
        meter.CreateObservableGauge(QueueLength, () => Read(overview, o => o.Queues.SelectMany(q => new[]
        {
            Measure(q.Length, Telemetry.QueueTag, q.Name),
            Measure(q.PoisonLength, Telemetry.QueueTag, Storage.QueueNames.Poison(q.Name)),
        })), "{message}", "Messages in each queue and its poison twin (approximate count).");
        meter.CreateObservableGauge(QueueOldestAge, () => Read(overview, o => o.Queues.SelectMany(q => new[]
        {
            Measure(q.OldestMessageAgeSeconds ?? 0, Telemetry.QueueTag, q.Name),
            Measure(q.OldestPoisonAgeSeconds ?? 0, Telemetry.QueueTag, Storage.QueueNames.Poison(q.Name)),
        })), "s", "Age of the first visible message of each queue (0 when empty).");
        meter.CreateObservableGauge(Payments, () => Read(overview, o => o.Banks.SelectMany(b => b.Payments.Select(s =>
            new Measurement<long>(s.Value, new(Telemetry.BankTag, b.Bank), new(Telemetry.StatusTag, s.Key))))),
            "{payment}", "Payments by status and bank, every tenant.");
        meter.CreateObservableGauge(NeedsAttention, () => Read(overview, o => o.Banks.Select(b => Measure(b.NeedsAttention, Telemetry.BankTag, b.Bank))
            .Append(new Measurement<long>(o.Totals.NeedsAttention))), "{payment}", "Payments in needs_attention per bank, and in total (no bank attribute).");
        meter.CreateObservableGauge(StatementAge, () => Read(overview, o => o.Tenants.SelectMany(t => t.Accounts.Select(a =>
            new Measurement<long>(a.AgeSeconds, new(Telemetry.TenantTag, t.TenantId), new(Telemetry.AccountTag, a.AccountId), new(Telemetry.BankTag, a.Bank))))),
            "s", "Per account: age of the last successful statement pull.");
        meter.CreateObservableGauge(StatementsStale, () => Read(overview, o => [new Measurement<long>(o.Totals.StaleStatements)]),
            "{account}", "Accounts whose last successful pull is older than twice their pull schedule.");
        meter.CreateObservableGauge(UnmatchedEntries, () => Read(overview, o => o.Banks.Select(b => Measure(b.UnmatchedEntries, Telemetry.BankTag, b.Bank))),
            "{entry}", "Statement entries not tied to a payment or expected payment, per bank.");
        meter.CreateObservableGauge(Circuit, () => Read(overview, o => o.Banks.Select(b => Measure(CircuitValue(b.Circuit), Telemetry.BankTag, b.Bank))),
            "1", "Each bank's circuit on this instance: 0 closed, 1 half-open, 2 open or isolated, -1 not called yet.");
        meter.CreateObservableGauge(WebhookBacklog, () => Read(overview, o => o.Tenants.SelectMany(t => t.Webhooks.Select(w =>
            new Measurement<long>(w.Backlog, new(Telemetry.TenantTag, t.TenantId), new(Telemetry.WebhookEndpointTag, w.EndpointId))))
            .Append(new Measurement<long>(o.Totals.WebhookBacklog))), "{event}", "Per webhook endpoint, and in total (no attributes): events its pump has still to look at.");
    }

    public static long CircuitValue(string circuit) => circuit switch
    {
        "closed" => 0,
        "half_open" => 1,
        "open" or "isolated" => 2,
        _ => -1,
    };

    private static IEnumerable<Measurement<long>> Read(PlatformOverviewService overview, Func<PlatformOverview, IEnumerable<Measurement<long>>> figures) =>
        overview.Latest() is { } latest ? figures(latest) : [];

    private static Measurement<long> Measure(long value, string tag, string name) => new(value, new KeyValuePair<string, object?>(tag, name));

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
