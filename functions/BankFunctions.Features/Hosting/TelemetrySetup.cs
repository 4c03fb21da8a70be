using Azure.Monitor.OpenTelemetry.Exporter;
using BankFunctions.Features.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace BankFunctions.Features.Hosting;

/// <summary>
/// OpenTelemetry of both hosts (issue #16): traces, metrics and logs of our own source and meter
/// (<see cref="Telemetry.Telemetry"/>: queue handlers, bank calls, payments, platform gauges), of outgoing HTTP (the
/// bank calls' requests) and of the Azure SDK (storage calls), plus ASP.NET Core's server spans and metrics on the
/// local host (the Functions worker adds its own with UseFunctionsWorkerDefaults). Exporters by
/// <see cref="Choose"/>: Azure Monitor (Bicep sets the connection string), OTLP, the console.
/// </summary>
public static class TelemetrySetup
{
    public const string ServiceName = "bankfunctions";

    /// <summary>The exporters a configuration asks for (pure).</summary>
    /// <param name="Collect">Whether the SDK runs at all (false: no exporter wanted; true with no exporter: one is added in code).</param>
    public sealed record Exporters(bool Collect, bool AzureMonitor, bool Otlp, bool Console);

    public static Exporters Choose(IConfiguration configuration, TelemetryOptions options)
    {
        if (options.Exporter is TelemetryOptions.None or TelemetryOptions.Custom)
        {
            return new Exporters(options.Exporter == TelemetryOptions.Custom, false, false, false);
        }
        var azure = !string.IsNullOrWhiteSpace(configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"]);
        var otlp = !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        return new Exporters(true, azure, otlp, !azure && !otlp);
    }

    /// <param name="aspNetCore">The local host: ASP.NET Core's own request spans and metrics (the worker has the Functions worker's).</param>
    /// <returns>The OpenTelemetry builder (the worker adds UseFunctionsWorkerDefaults), null when no exporter is configured.</returns>
    public static IOpenTelemetryBuilder? AddBankTelemetry(this IServiceCollection services, IConfiguration configuration, bool aspNetCore)
    {
        var options = configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        var exporters = Choose(configuration, options);
        if (!exporters.Collect)
        {
            return null;
        }
        // The Azure SDK's storage spans ("Azure.Data.Tables", "Azure.Storage.Queues", …) are opt-in.
        AppContext.SetSwitch("Azure.Experimental.EnableActivitySource", true);
        var builder = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(ServiceName))
            .WithTracing(tracing =>
            {
                tracing.AddSource(Telemetry.Telemetry.Name, "Azure.*").AddHttpClientInstrumentation();
                if (aspNetCore)
                {
                    tracing.AddAspNetCoreInstrumentation();
                }
                if (exporters.Console)
                {
                    tracing.AddConsoleExporter();
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(Telemetry.Telemetry.Name).AddHttpClientInstrumentation();
                if (aspNetCore)
                {
                    metrics.AddAspNetCoreInstrumentation();
                }
                if (exporters.Console)
                {
                    metrics.AddConsoleExporter();
                }
            })
            // Logs go to the console through the host's own logger already; exported only to Azure Monitor / OTLP.
            .WithLogging();
        if (exporters.Otlp)
        {
            builder.UseOtlpExporter();
        }
        if (exporters.AzureMonitor)
        {
            builder.UseAzureMonitorExporter();
        }
        return builder;
    }
}
