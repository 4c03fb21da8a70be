using BankFunctions.Features;
using Azure.Monitor.OpenTelemetry.Exporter;
using BankFunctions.Features.Hosting;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BankFunctions.FunctionApp;

/// <summary>The worker's composition root: what it shares with BankFunctions.Host (HostSetup.AddBankFunctionsCore), step by step.</summary>
public static class WorkerSetup
{
    public static IHostApplicationBuilder AddBankFunctionsWorker(this IHostApplicationBuilder builder)
    {
        BankFunctions.Features.Hosting.TraceContext.Enable();
        // Configuration errors (storage, operator key, banks, audit seal) throw here, before the worker connects.
        builder.Services.AddBankStorage(builder.Configuration);
        builder.Services.AddSingleton<StorageInitializer>();
        builder.Services.AddFeatures(builder.Configuration);
        // The worker's own Kestrel (ASP.NET Core integration) defaults to 30,000,000 bytes; allow what the host allows.
        builder.Services.Configure<KestrelServerOptions>(k => k.Limits.MaxRequestBodySize = RequestLimits.MaxRequestBodyBytes);
        builder.AddTelemetry();
        return builder;
    }

    /// <summary>
    /// Application Insights through OpenTelemetry, the way the isolated worker documents it (UseFunctionsWorkerDefaults
    /// + the Azure Monitor exporter; host.json telemetryMode "OpenTelemetry" has the Functions host export its side
    /// the same way). Traces continue the host's traceparent; logs keep their ILogger categories. Only where
    /// APPLICATIONINSIGHTS_CONNECTION_STRING is set (Bicep sets it); without it the worker logs to the host only.
    /// </summary>
    private static void AddTelemetry(this IHostApplicationBuilder builder)
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"]))
        {
            return;
        }
        builder.Services.AddOpenTelemetry()
            // The queue and timer spans both hosts start (one trace per payment journey across the queues).
            .WithTracing(tracing => tracing.AddSource(TracedInvocation.SourceName))
            .UseFunctionsWorkerDefaults()
            .UseAzureMonitorExporter();
    }
}
