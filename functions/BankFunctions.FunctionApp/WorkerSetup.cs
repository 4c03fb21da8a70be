using BankFunctions.Features;
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
    /// OpenTelemetry as both hosts set it up (Hosting/TelemetrySetup: Azure Monitor when
    /// APPLICATIONINSIGHTS_CONNECTION_STRING is set — Bicep sets it —, OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is, the
    /// console otherwise), plus the worker's own invocation spans the way the isolated worker documents it
    /// (UseFunctionsWorkerDefaults; host.json telemetryMode "OpenTelemetry" has the Functions host export its side the
    /// same way). Traces continue the host's traceparent; logs keep their ILogger categories.
    /// </summary>
    private static void AddTelemetry(this IHostApplicationBuilder builder) =>
        builder.Services.AddBankTelemetry(builder.Configuration, aspNetCore: false)?.UseFunctionsWorkerDefaults();
}
