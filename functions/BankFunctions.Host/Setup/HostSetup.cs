using BankFunctions.Features;
using BankFunctions.Features.Hosting;
using BankFunctions.Features.Http;
using BankFunctions.Host.Runtime;

namespace BankFunctions.Host.Setup;

/// <summary>The composition root, as a list of named steps (Program.cs calls these two).</summary>
public static class HostSetup
{
    /// <summary>Request bodies up to the statement-import limit reach the handlers, which apply tighter limits per route.</summary>
    public const long MaxRequestBodyBytes = RequestLimits.MaxRequestBodyBytes;

    /// <summary>
    /// Where appsettings.json (and host.json) are found: beside the built host, not the working directory — run.sh
    /// starts the host from the repository root, where the host's appsettings.json (log levels) was never loaded.
    /// </summary>
    public static string ContentRoot => AppContext.BaseDirectory;

    public static WebApplicationBuilder AddBankFunctionsHost(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
            k.AddServerHeader = false; // no "Server: Kestrel": nothing to tell a scanner
        });
        builder.AddBankFunctionsCore();
        builder.Services.AddFunctionsRuntime(builder.Configuration, FunctionCatalog.All);
        return builder;
    }

    /// <summary>What the HTTP host and a one-shot job (--drain-queue, --run-timer) share: everything but Kestrel and the background work.</summary>
    public static IHostApplicationBuilder AddBankFunctionsCore(this IHostApplicationBuilder builder)
    {
        TraceContext.Enable();
        builder.AddStructuredLogging();
        builder.Services.AddStorage(builder.Configuration);
        builder.Services.AddFeatures(builder.Configuration);
        builder.Services.AddBankTelemetry(builder.Configuration, aspNetCore: true);
        builder.Services.AddFunctionsRuntimeSettings(builder.Configuration, builder.Environment);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        return builder;
    }

    public static WebApplication UseBankFunctionsHost(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            ResponseHeaders.Apply(context);
            return next(context);
        });
        app.UseProblemStatusPages();
        app.MapFunctionCatalog(FunctionCatalog.All);
        return app;
    }

    private static void AddStructuredLogging(this IHostApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole(o =>
        {
            o.IncludeScopes = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            o.UseUtcTimestamp = true;
        });
        // W3C trace context: ASP.NET Core continues an incoming traceparent; scopes carry TraceId/SpanId.
        builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
    }

    private static void AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddBankStorage(configuration);
        services.AddHostedService<StorageInitializer>();
    }
}
