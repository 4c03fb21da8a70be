using BankFunctions.Features.Runtime;
using BankFunctions.Storage;
using BankFunctions.Storage.Queues;

namespace BankFunctions.Host.Runtime;

public sealed class RuntimeOptions
{
    public const string Section = "Runtime";

    /// <summary>Turns queue processors and timers off (an API-only instance, or tests that drive handlers themselves).</summary>
    public bool Disabled { get; set; }

    /// <summary>The configuration key <c>--http-only</c> sets.</summary>
    public const string DisabledKey = Section + ":" + nameof(Disabled);
}

/// <summary>Registers a queue processor per queue function and a timer runner per timer function from the catalog.</summary>
public static class FunctionsRuntime
{
    /// <summary>What queue and timer work needs in every mode (also a one-shot job): host.json semantics and in-process wakeups.</summary>
    public static IServiceCollection AddFunctionsRuntimeSettings(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var path = configuration["HostJson:Path"] is { Length: > 0 } configured ? configured : Path.Combine(environment.ContentRootPath, "host.json");
        if (!File.Exists(path))
        {
            path = Path.Combine(AppContext.BaseDirectory, "host.json");
        }
        services.AddSingleton(HostJsonOptions.Load(path));
        services.AddSingleton<QueueWakeup>();
        return services;
    }

    /// <summary>The in-app background work: every queue and timer of the catalog, unless Runtime:Disabled.</summary>
    public static IServiceCollection AddFunctionsRuntime(this IServiceCollection services, IConfiguration configuration, IEnumerable<FunctionDefinition> catalog)
    {
        var runtime = configuration.GetSection(RuntimeOptions.Section).Get<RuntimeOptions>() ?? new RuntimeOptions();
        if (runtime.Disabled)
        {
            return services;
        }
        foreach (var function in catalog)
        {
            switch (function.Trigger)
            {
                case QueueTrigger:
                    services.AddSingleton<IHostedService>(sp => ActivatorUtilities.CreateInstance<QueueProcessor>(sp, function));
                    break;
                case TimerTrigger:
                    services.AddSingleton<IHostedService>(sp => ActivatorUtilities.CreateInstance<TimerRunner>(sp, function));
                    break;
            }
        }
        return services;
    }
}
