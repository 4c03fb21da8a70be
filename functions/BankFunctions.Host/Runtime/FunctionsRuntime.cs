using BankFunctions.Features.Runtime;
using BankFunctions.Storage;
using BankFunctions.Storage.Queues;

namespace BankFunctions.Host.Runtime;

public sealed class RuntimeOptions
{
    public const string Section = "Runtime";

    /// <summary>Turns queue processors and timers off (an API-only instance, or tests that drive handlers themselves).</summary>
    public bool Disabled { get; set; }
}

/// <summary>Registers a queue processor per queue function and a timer runner per timer function from the catalog.</summary>
public static class FunctionsRuntime
{
    public static IServiceCollection AddFunctionsRuntime(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment,
        IEnumerable<FunctionDefinition> catalog)
    {
        var path = configuration["HostJson:Path"] is { Length: > 0 } configured ? configured : Path.Combine(environment.ContentRootPath, "host.json");
        if (!File.Exists(path))
        {
            path = Path.Combine(AppContext.BaseDirectory, "host.json");
        }
        services.AddSingleton(HostJsonOptions.Load(path));
        services.AddSingleton<QueueWakeup>();
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
