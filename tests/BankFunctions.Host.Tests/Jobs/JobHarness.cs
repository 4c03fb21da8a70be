using BankFunctions.Features.Runtime;
using BankFunctions.Host.Jobs;
using BankFunctions.Host.Tests.Runtime;
using BankFunctions.TestSupport;

namespace BankFunctions.Host.Tests.Jobs;

/// <summary>A timer whose every run fails (the job must report the failure).</summary>
public sealed class FailingTimer : ITimerHandler
{
    public Task RunAsync(TimerTick tick, CancellationToken cancellationToken) => throw new InvalidOperationException("scripted timer failure");
}

/// <summary>Builds the in-process <see cref="JobRunner"/> against a private Azurite, with the settings Azure would give it.</summary>
internal static class JobHarness
{
    public const string OperatorKey = "test-operator-key-0123456789abcdef";
    public const string SealKey = "test-audit-seal-key-0123456789abcdef0123";

    /// <summary>The settings a deployed job gets (as environment variables there), here against Azurite.</summary>
    public static Dictionary<string, string?> Settings(AzuriteFixture azurite, string hostJsonPath) => new()
    {
        ["Storage:ConnectionString"] = azurite.ConnectionString,
        ["Operator:ApiKey"] = OperatorKey,
        ["Audit:SealKey"] = SealKey,
        ["Signing:LocalKeyPath"] = Path.Combine(Path.GetTempPath(), "bf-keys-" + Guid.NewGuid().ToString("N")),
        ["HostJson:Path"] = hostJsonPath,
        ["Telemetry:Exporter"] = "none",
    };

    public static JobRunner Runner(AzuriteFixture azurite, IReadOnlyList<FunctionDefinition>? catalog = null, TextWriter? errors = null,
        string? hostJsonPath = null, TimeProvider? clock = null) => new()
    {
        Catalog = catalog ?? BankFunctions.Features.FunctionCatalog.All,
        Errors = errors ?? TextWriter.Null,
        ConfigureSettings = configuration => configuration.AddInMemoryCollection(Settings(azurite, hostJsonPath ?? RepoPaths.Combine("host.json"))),
        OverrideServices = services =>
        {
            services.AddScoped<ScriptedHandler>().AddScoped<CountingTimer>().AddScoped<FailingTimer>();
            if (clock is not null)
            {
                services.AddSingleton(clock);
            }
            services.AddLogging(logging => logging.ClearProviders());
        },
    };

    /// <summary>A host.json like the repository's, with the queue timings a test needs (the idle window is maxPollingInterval).</summary>
    public static string HostJson(TimeSpan visibilityTimeout, TimeSpan maxPollingInterval)
    {
        var path = Path.Combine(Path.GetTempPath(), $"bf-host-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, $$"""
            {
              "version": "2.0",
              "extensions": { "queues": { "batchSize": 16, "newBatchThreshold": 8, "maxDequeueCount": 5,
                "visibilityTimeout": "{{visibilityTimeout:c}}", "maxPollingInterval": "{{maxPollingInterval:c}}" } },
              "functionTimeout": "00:00:30"
            }
            """);
        return path;
    }
}
