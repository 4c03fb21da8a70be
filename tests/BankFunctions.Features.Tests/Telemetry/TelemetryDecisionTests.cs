using System.Diagnostics.Metrics;
using BankFunctions.Banks;
using BankFunctions.Domain.Payments;
using BankFunctions.Features.Hosting;
using BankFunctions.Features.Payments;
using BankFunctions.Features.Statements;
using BankFunctions.Features.Telemetry;
using BankFunctions.Storage.Rows;
using Microsoft.Extensions.Configuration;
using TelemetryNames = BankFunctions.Features.Telemetry.Telemetry;

namespace BankFunctions.Features.Tests.Telemetry;

/// <summary>The pure parts of issue #16's telemetry: exporter choice, outcome classes, staleness, schedule intervals, payment metrics.</summary>
public sealed class TelemetryDecisionTests
{
    [Theory]
    [InlineData("auto", null, null, true, false, false, true)]
    [InlineData("auto", "InstrumentationKey=x", null, true, true, false, false)]
    [InlineData("auto", null, "http://collector:4317", true, false, true, false)]
    [InlineData("auto", "InstrumentationKey=x", "http://collector:4317", true, true, true, false)]
    [InlineData("none", "InstrumentationKey=x", "http://collector:4317", false, false, false, false)]
    [InlineData("custom", "InstrumentationKey=x", null, true, false, false, false)]
    public void Exporters_follow_the_settings(string exporter, string? appInsights, string? otlp, bool collect, bool azure, bool otlpOn, bool console)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = appInsights,
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = otlp,
        }).Build();
        Assert.Equal(new TelemetrySetup.Exporters(collect, azure, otlpOn, console),
            TelemetrySetup.Choose(configuration, new TelemetryOptions { Exporter = exporter }));
    }

    [Fact]
    public void An_unknown_exporter_or_cache_period_stops_the_start()
    {
        Assert.Throws<InvalidOperationException>(() => new TelemetryOptions { Exporter = "zipkin" }.Validate());
        Assert.Throws<InvalidOperationException>(() => new TelemetryOptions { OverviewCacheSeconds = 0 }.Validate());
        new TelemetryOptions().Validate();
    }

    [Fact]
    public void Send_and_status_outcomes_map_to_the_bank_call_classes()
    {
        Assert.Equal(BankCallOutcome.Success, InstrumentedBankAdapter.OutcomeOf(new SendOutcome.Accepted("f1")));
        Assert.Equal(BankCallOutcome.Duplicate, InstrumentedBankAdapter.OutcomeOf(new SendOutcome.Duplicate(null)));
        Assert.Equal(BankCallOutcome.Retryable, InstrumentedBankAdapter.OutcomeOf(new SendOutcome.Retryable("503", null)));
        Assert.Equal(BankCallOutcome.UnknownOutcome, InstrumentedBankAdapter.OutcomeOf(new SendOutcome.UnknownOutcome("timeout")));
        Assert.Equal(BankCallOutcome.Terminal, InstrumentedBankAdapter.OutcomeOf(new SendOutcome.Terminal("AM05", "duplicate")));
        Assert.Equal(BankCallOutcome.Success, InstrumentedBankAdapter.OutcomeOf(new StatusOutcome.NotFound()));
        Assert.Equal(BankCallOutcome.Success, InstrumentedBankAdapter.OutcomeOf(new StatusOutcome.Found(null, [])));
        Assert.Equal(BankCallOutcome.Retryable, InstrumentedBankAdapter.OutcomeOf(new StatusOutcome.Unavailable("503")));
        Assert.Equal(BankCallOutcome.Terminal, InstrumentedBankAdapter.OutcomeOf(new StatusOutcome.Refused("auth")));
    }

    [Theory]
    [InlineData(null, 15 * 60)]
    [InlineData("0 0 * * * *", 60 * 60)]
    [InlineData("0 */5 * * * *", 5 * 60)]
    [InlineData("not a schedule", 15 * 60)]
    public void The_schedule_interval_is_the_gap_between_its_occurrences(string? schedule, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), ScheduleStatementPulls.Interval(schedule, new DateTime(2026, 12, 6, 10, 7, 0, DateTimeKind.Utc)));

    [Theory]
    [InlineData(30, 15, false)]
    [InlineData(31, 15, true)]
    [InlineData(10, 15, false)]
    public void A_statement_is_stale_when_older_than_twice_its_schedule(int ageMinutes, int scheduleMinutes, bool stale) =>
        Assert.Equal(stale, PlatformOverviewService.IsStale(TimeSpan.FromMinutes(ageMinutes), TimeSpan.FromMinutes(scheduleMinutes)));

    [Fact]
    public void Bank_call_figures_are_the_success_rate_and_mean_duration_of_the_window()
    {
        Assert.Equal(new BankCallFigures("send_payment_file", 3, 2, "0.6667", 200), BankCallWindow.Figures("send_payment_file", 3, 2, TimeSpan.FromMilliseconds(600).Ticks));
        Assert.Equal(new BankCallFigures("get_balances", 0, 0, "1.0000", 0), BankCallWindow.Figures("get_balances", 0, 0, 0));
    }

    [Theory]
    [InlineData("closed", 0)]
    [InlineData("half_open", 1)]
    [InlineData("open", 2)]
    [InlineData("isolated", 2)]
    [InlineData("unknown", -1)]
    public void Circuit_states_are_gauge_values(string circuit, long value) => Assert.Equal(value, OverviewGauges.CircuitValue(circuit));

    [Fact]
    public void A_payment_moved_to_accepted_then_completed_records_both_latencies_for_its_bank()
    {
        var bank = "bank-" + Guid.NewGuid().ToString("N");
        var recorded = new List<(string Instrument, double Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == TelemetryNames.Name)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var copy = new Dictionary<string, object?>();
            foreach (var tag in tags)
            {
                copy[tag.Key] = tag.Value;
            }
            if (Equals(copy.GetValueOrDefault(TelemetryNames.BankTag), bank))
            {
                lock (recorded)
                {
                    recorded.Add((instrument.Name, value, copy));
                }
            }
        }
        listener.SetMeasurementEventCallback<double>((i, v, t, _) => Record(i, v, t));
        listener.SetMeasurementEventCallback<long>((i, v, t, _) => Record(i, v, t));
        listener.Start();
        var created = new DateTimeOffset(2026, 12, 6, 9, 0, 0, TimeSpan.Zero);
        var row = new PaymentRow { Bank = bank, Status = PaymentStatus.Sent.ToWire(), CreatedAt = created, StatusHistory = StatusHistory.Start(new StatusChange("sent", created)) };

        Assert.True(PaymentTransitions.TryApply(row, PaymentStatus.Accepted, PaymentTrigger.BankReport, created.AddSeconds(3)));
        Assert.True(PaymentTransitions.TryApply(row, PaymentStatus.Completed, PaymentTrigger.BankReport, created.AddSeconds(10)));

        Assert.Contains(recorded, r => r.Instrument == TelemetryNames.SubmitToAccepted && r.Value == 3);
        Assert.Contains(recorded, r => r.Instrument == TelemetryNames.AcceptedToCompleted && r.Value == 7);
        Assert.Contains(recorded, r => r.Instrument == TelemetryNames.PaymentTransitions && Equals(r.Tags[TelemetryNames.StatusTag], "completed"));
        Assert.Equal(2, recorded.Count(r => r.Instrument == TelemetryNames.PaymentTransitions));
    }
}
