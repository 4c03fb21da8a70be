using BankFunctions.Features;
using BankFunctions.Features.Hosting;
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
        return builder;
    }
}
