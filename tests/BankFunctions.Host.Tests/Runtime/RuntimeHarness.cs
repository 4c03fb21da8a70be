using System.Collections.Concurrent;
using BankFunctions.Features.Runtime;
using BankFunctions.Host.Runtime;
using BankFunctions.Storage;
using BankFunctions.Storage.Queues;
using BankFunctions.TestSupport;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace BankFunctions.Host.Tests.Runtime;

/// <summary>Records every invocation; behaviour per message body is set by the test.</summary>
public sealed class ScriptedHandler : IQueueHandler
{
    public static readonly ConcurrentDictionary<string, ConcurrentQueue<long>> Attempts = new();
    public static readonly ConcurrentDictionary<string, int> FailuresBeforeSuccess = new();
    public static readonly ConcurrentDictionary<string, TimeSpan> Delays = new();
    public static readonly ConcurrentDictionary<string, int> Completed = new();

    /// <summary>Failures of these bodies say the bank asked for this pause (Retry-After, an open circuit).</summary>
    public static readonly ConcurrentDictionary<string, TimeSpan> RetryAfter = new();

    public async Task HandleAsync(QueueMessageContext message, CancellationToken cancellationToken)
    {
        var attempts = Attempts.GetOrAdd(message.Body, _ => new ConcurrentQueue<long>());
        attempts.Enqueue(message.DequeueCount);
        if (Delays.TryGetValue(message.Body, out var delay))
        {
            await Task.Delay(delay, cancellationToken);
        }
        if (attempts.Count <= FailuresBeforeSuccess.GetValueOrDefault(message.Body, 0))
        {
            throw RetryAfter.TryGetValue(message.Body, out var after)
                ? new BankUnavailableException("scripted: bank paused", after)
                : new InvalidOperationException("scripted failure");
        }
        Completed.AddOrUpdate(message.Body, 1, (_, n) => n + 1);
    }
}

public sealed class CountingTimer : ITimerHandler
{
    public static readonly ConcurrentDictionary<DateTimeOffset, int> Runs = new();

    /// <summary>Runs per timer function and occurrence, for tests whose fake clock may share instants with others.</summary>
    public static readonly ConcurrentDictionary<(string Function, DateTimeOffset At), int> RunsOf = new();

    public Task RunAsync(TimerTick tick, CancellationToken cancellationToken)
    {
        Runs.AddOrUpdate(tick.ScheduledAt, 1, (_, n) => n + 1);
        RunsOf.AddOrUpdate((tick.FunctionName, tick.ScheduledAt), 1, (_, n) => n + 1);
        return Task.CompletedTask;
    }
}

/// <summary>A timer handler that runs until the test lets it finish (per function), to hold an occurrence's lease open.</summary>
public sealed class BlockingTimer : ITimerHandler
{
    public static readonly ConcurrentDictionary<string, TaskCompletionSource> Started = new();
    public static readonly ConcurrentDictionary<string, TaskCompletionSource> Release = new();

    public async Task RunAsync(TimerTick tick, CancellationToken cancellationToken)
    {
        Started.GetOrAdd(tick.FunctionName, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        await Release.GetOrAdd(tick.FunctionName, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).Task.WaitAsync(cancellationToken);
    }
}

/// <summary>Builds a queue processor or timer runner for a test function against Azurite, outside the catalog.</summary>
internal static class RuntimeHarness
{
    public static readonly HostJsonOptions FastOptions = new()
    {
        BatchSize = 16,
        NewBatchThreshold = 8,
        MaxPollingInterval = TimeSpan.FromMilliseconds(500),
        VisibilityTimeout = TimeSpan.FromSeconds(1),
        MaxDequeueCount = 5,
        FunctionTimeout = TimeSpan.FromSeconds(30),
    };

    public static StorageClients Storage(AzuriteFixture azurite) => new(new StorageOptions { ConnectionString = azurite.ConnectionString }, null);

    public static IServiceProvider Services() =>
        new ServiceCollection().AddScoped<ScriptedHandler>().AddScoped<CountingTimer>().AddScoped<BlockingTimer>().BuildServiceProvider();

    public static QueueProcessor Processor(StorageClients storage, string queue, HostJsonOptions? options = null, TimeSpan? lease = null, TimeProvider? clock = null,
        QueueWakeup? wakeup = null, DrainUntilIdle? drain = null) =>
        new(new FunctionDefinition("Test-" + queue, new QueueTrigger(queue), typeof(ScriptedHandler)), storage, options ?? FastOptions,
            Services().GetRequiredService<IServiceScopeFactory>(), wakeup ?? new QueueWakeup(), NullLogger<QueueProcessor>.Instance, drain, lease, clock);

    public static TimerRunner Timer(StorageClients storage, string name, string schedule, TimeProvider? clock = null, Type? handler = null) =>
        new(new FunctionDefinition(name, new TimerTrigger(schedule), handler ?? typeof(CountingTimer)), storage,
            Services().GetRequiredService<IServiceScopeFactory>(), clock ?? TimeProvider.System, NullLogger<TimerRunner>.Instance);

    /// <summary>Messages stored in the queue, visible or not (Get Queue Metadata's approximate count; exact on an idle queue).</summary>
    public static async Task<int> StoredMessages(StorageClients storage, string queue) =>
        (await storage.Queues.GetQueueClient(queue).GetPropertiesAsync()).Value.ApproximateMessagesCount;

    public static async Task WaitUntil(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("condition not met in time");
    }
}
