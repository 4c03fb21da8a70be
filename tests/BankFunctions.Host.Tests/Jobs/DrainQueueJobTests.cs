using System.Diagnostics;
using BankFunctions.Features.Runtime;
using BankFunctions.Host.Jobs;
using BankFunctions.Host.Tests.Runtime;
using BankFunctions.Storage;
using BankFunctions.Storage.Queues;
using BankFunctions.TestSupport;

namespace BankFunctions.Host.Tests.Jobs;

/// <summary>--drain-queue in-process: the QueueProcessor's semantics, one execution at a time, ending when the queue is empty.</summary>
public sealed class DrainQueueJobTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly TimeSpan ShortIdle = TimeSpan.FromMilliseconds(500);

    private async Task<(StorageClients Storage, string Queue, FunctionDefinition[] Catalog)> NewQueue()
    {
        var storage = RuntimeHarness.Storage(azurite);
        var queue = "job" + Guid.NewGuid().ToString("N")[..12];
        await storage.Queues.GetQueueClient(queue).CreateIfNotExistsAsync();
        return (storage, queue, [new FunctionDefinition("Drain-" + queue, new QueueTrigger(queue), typeof(ScriptedHandler))]);
    }

    [Fact]
    public async Task Processes_every_enqueued_message_then_exits_0_with_the_queue_empty()
    {
        var (storage, queue, catalog) = await NewQueue();
        var bodies = Enumerable.Range(0, 40).Select(i => $"drain-{i}-{Guid.NewGuid()}").ToList();
        var sender = new StorageQueueSender(storage);
        foreach (var body in bodies)
        {
            await sender.SendAsync(queue, body);
        }

        var exit = await JobHarness.Runner(azurite, catalog, hostJsonPath: JobHarness.HostJson(TimeSpan.FromSeconds(10), ShortIdle))
            .RunAsync([HostCommand.DrainQueueFlag, queue]);

        Assert.Equal(JobRunner.Succeeded, exit);
        Assert.All(bodies, body => Assert.Equal(1, ScriptedHandler.Completed.GetValueOrDefault(body)));
        Assert.Empty((await storage.Queues.GetQueueClient(queue).PeekMessagesAsync(1)).Value);
    }

    [Fact]
    public async Task An_empty_queue_ends_the_execution_after_the_idle_window()
    {
        var (_, queue, catalog) = await NewQueue();
        var runner = JobHarness.Runner(azurite, catalog, hostJsonPath: JobHarness.HostJson(TimeSpan.FromSeconds(10), ShortIdle));

        var watch = Stopwatch.StartNew();
        var exit = await runner.RunAsync([HostCommand.DrainQueueFlag, queue]);

        Assert.Equal(JobRunner.Succeeded, exit);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), $"an empty queue kept the job for {watch.Elapsed}");
    }

    [Fact]
    public async Task With_visibility_timeout_zero_a_failing_message_is_poisoned_after_five_attempts_in_one_execution()
    {
        var (storage, queue, catalog) = await NewQueue();
        var body = "always-" + Guid.NewGuid();
        ScriptedHandler.FailuresBeforeSuccess[body] = int.MaxValue;
        await new StorageQueueSender(storage).SendAsync(queue, body);

        var exit = await JobHarness.Runner(azurite, catalog, hostJsonPath: JobHarness.HostJson(TimeSpan.Zero, ShortIdle))
            .RunAsync([HostCommand.DrainQueueFlag, queue]);

        Assert.Equal(JobRunner.Succeeded, exit); // a poisoned message is handled work, not a failed execution
        Assert.Equal([1L, 2, 3, 4, 5], ScriptedHandler.Attempts[body].ToArray());
        Assert.Equal(body, (await storage.Queues.GetQueueClient(QueueNames.Poison(queue)).PeekMessagesAsync(1)).Value.Single().Body.ToString());
        Assert.Empty((await storage.Queues.GetQueueClient(queue).PeekMessagesAsync(1)).Value);
    }

    [Fact]
    public async Task A_failing_message_waits_out_its_visibility_timeout_for_the_next_execution_and_is_poisoned_by_the_fifth()
    {
        var (storage, queue, catalog) = await NewQueue();
        var body = "across-" + Guid.NewGuid();
        ScriptedHandler.FailuresBeforeSuccess[body] = int.MaxValue;
        await new StorageQueueSender(storage).SendAsync(queue, body);
        // Visibility (4 s) well beyond the idle window (0.5 s): each execution sees the message once and ends.
        var hostJson = JobHarness.HostJson(TimeSpan.FromSeconds(4), ShortIdle);
        var work = storage.Queues.GetQueueClient(queue);

        for (var execution = 1; execution <= 5; execution++)
        {
            await RuntimeHarness.WaitUntil(async () => (await work.PeekMessagesAsync(1)).Value.Length == 1, TimeSpan.FromSeconds(20));
            Assert.Equal(JobRunner.Succeeded, await JobHarness.Runner(azurite, catalog, hostJsonPath: hostJson).RunAsync([HostCommand.DrainQueueFlag, queue]));
            Assert.Equal(execution, ScriptedHandler.Attempts[body].Count);
        }

        Assert.Equal([1L, 2, 3, 4, 5], ScriptedHandler.Attempts[body].ToArray());
        Assert.Single((await storage.Queues.GetQueueClient(QueueNames.Poison(queue)).PeekMessagesAsync(32)).Value);
        Assert.Empty((await work.PeekMessagesAsync(1)).Value);
    }

    [Fact]
    public async Task An_unknown_queue_exits_2_and_lists_the_queues_of_the_catalog()
    {
        var errors = new StringWriter();

        var exit = await JobHarness.Runner(azurite, errors: errors).RunAsync([HostCommand.DrainQueueFlag, "payments-nope"]);

        Assert.Equal(JobRunner.UsageError, exit);
        var text = errors.ToString();
        Assert.Contains("Unknown queue 'payments-nope'", text, StringComparison.Ordinal);
        Assert.All(BankFunctions.Features.FunctionCatalog.All.Select(f => f.Trigger).OfType<QueueTrigger>(),
            trigger => Assert.Contains(trigger.QueueName, text, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(HostCommand.DrainQueueFlag)]
    [InlineData(HostCommand.DrainQueueFlag, "--Storage:ConnectionString=x")]
    [InlineData(HostCommand.DrainQueueFlag, QueueNames.PaymentsSign, HostCommand.RunTimerFlag, "OutboxSweep")]
    [InlineData(HostCommand.HttpOnlyFlag, HostCommand.DrainQueueFlag, QueueNames.PaymentsSign)]
    public async Task Malformed_arguments_exit_2_with_the_usage(params string[] args)
    {
        var errors = new StringWriter();

        var exit = await JobHarness.Runner(azurite, errors: errors).RunAsync(args);

        Assert.Equal(JobRunner.UsageError, exit);
        Assert.Contains(HostCommand.Usage, errors.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_setting_is_a_startup_error_exit_1()
    {
        var errors = new StringWriter();
        var runner = JobHarness.Runner(azurite, errors: errors);
        var withoutOperatorKey = new JobRunner
        {
            Errors = errors,
            ConfigureSettings = configuration =>
            {
                runner.ConfigureSettings!(configuration);
                configuration.AddInMemoryCollection([new("Operator:ApiKey", "")]);
            },
            OverrideServices = runner.OverrideServices,
        };

        var exit = await withoutOperatorKey.RunAsync([HostCommand.DrainQueueFlag, QueueNames.PaymentsSign]);

        Assert.Equal(JobRunner.Failed, exit);
        Assert.Contains("could not start", errors.ToString(), StringComparison.Ordinal);
    }
}
