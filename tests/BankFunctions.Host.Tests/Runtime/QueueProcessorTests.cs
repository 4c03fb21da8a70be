using System.Text;
using BankFunctions.Storage;
using BankFunctions.Storage.Queues;
using BankFunctions.TestSupport;

namespace BankFunctions.Host.Tests.Runtime;

/// <summary>The queue processor against real Azurite, with Azure Functions' queue-trigger semantics.</summary>
public sealed class QueueProcessorTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private async Task<(StorageClients Storage, string Queue)> NewQueue()
    {
        var storage = RuntimeHarness.Storage(azurite);
        var queue = "q" + Guid.NewGuid().ToString("N")[..12];
        await storage.Queues.GetQueueClient(queue).CreateIfNotExistsAsync();
        return (storage, queue);
    }

    [Fact]
    public async Task Always_failing_message_goes_to_poison_after_exactly_five_attempts()
    {
        var (storage, queue) = await NewQueue();
        var body = "always-" + Guid.NewGuid();
        ScriptedHandler.FailuresBeforeSuccess[body] = int.MaxValue;
        await new StorageQueueSender(storage).SendAsync(queue, body);
        using var processor = RuntimeHarness.Processor(storage, queue);
        await processor.StartAsync(default);
        var poison = storage.Queues.GetQueueClient(QueueNames.Poison(queue));
        await RuntimeHarness.WaitUntil(async () => (await poison.ExistsAsync()).Value && (await poison.PeekMessagesAsync(1)).Value.Length == 1, TimeSpan.FromSeconds(30));
        await processor.StopAsync(default);

        Assert.Equal([1L, 2, 3, 4, 5], ScriptedHandler.Attempts[body].ToArray());
        var poisoned = (await poison.PeekMessagesAsync(1)).Value.Single();
        Assert.Equal(body, poisoned.Body.ToString());
        Assert.Empty((await storage.Queues.GetQueueClient(queue).PeekMessagesAsync(1)).Value);
    }

    [Fact]
    public async Task A_handler_that_outlives_the_lease_keeps_its_message_by_renewing_it()
    {
        var (storage, queue) = await NewQueue();
        var body = "long-" + Guid.NewGuid();
        // Three leases long. The lease is 3 s (renewed each second) rather than shorter: on a loaded 2-core CI
        // machine a 1.5 s lease once lapsed between two renewals, which is a test of the machine, not the renewal.
        ScriptedHandler.Delays[body] = TimeSpan.FromSeconds(9);
        await new StorageQueueSender(storage).SendAsync(queue, body);
        using var processor = RuntimeHarness.Processor(storage, queue, lease: TimeSpan.FromSeconds(3));
        await processor.StartAsync(default);
        await RuntimeHarness.WaitUntil(() => Task.FromResult(ScriptedHandler.Completed.ContainsKey(body)), TimeSpan.FromSeconds(20));
        await processor.StopAsync(default);

        // Had the lease lapsed, a second delivery would have started (a second attempt) or the first one's delete,
        // holding a stale pop receipt, would have failed (the message still stored). Neither can change after the
        // stop: nothing is running and the message is gone.
        Assert.Equal([1L], ScriptedHandler.Attempts[body].ToArray());
        Assert.Equal(0, await RuntimeHarness.StoredMessages(storage, queue));
    }

    [Fact]
    public async Task Failing_twice_then_succeeding_is_processed_once_and_deleted()
    {
        var (storage, queue) = await NewQueue();
        var body = "twice-" + Guid.NewGuid();
        ScriptedHandler.FailuresBeforeSuccess[body] = 2;
        await new StorageQueueSender(storage).SendAsync(queue, body);
        using var processor = RuntimeHarness.Processor(storage, queue);
        await processor.StartAsync(default);
        await RuntimeHarness.WaitUntil(() => Task.FromResult(ScriptedHandler.Completed.ContainsKey(body)), TimeSpan.FromSeconds(20));
        await processor.StopAsync(default);

        // No redelivery can come: the stop waited for every running delivery, and the message is deleted, not only
        // invisible (the stored count includes messages waiting out a visibility timeout).
        Assert.Equal([1L, 2, 3], ScriptedHandler.Attempts[body].ToArray());
        Assert.Equal(1, ScriptedHandler.Completed[body]);
        Assert.Equal(0, await RuntimeHarness.StoredMessages(storage, queue));
    }

    [Fact]
    public async Task Failed_message_is_not_redelivered_before_the_visibility_timeout()
    {
        var (storage, queue) = await NewQueue();
        var body = "vis-" + Guid.NewGuid();
        ScriptedHandler.FailuresBeforeSuccess[body] = 1;
        var options = RuntimeHarness.FastOptions with { VisibilityTimeout = TimeSpan.FromSeconds(3) };
        await new StorageQueueSender(storage).SendAsync(queue, body);
        using var processor = RuntimeHarness.Processor(storage, queue, options);
        var started = DateTime.UtcNow;
        await processor.StartAsync(default);
        await RuntimeHarness.WaitUntil(() => Task.FromResult(ScriptedHandler.Completed.ContainsKey(body)), TimeSpan.FromSeconds(20));
        var elapsed = DateTime.UtcNow - started;
        await processor.StopAsync(default);
        Assert.True(elapsed >= TimeSpan.FromSeconds(3), $"redelivered after {elapsed}");
        Assert.Equal(2, ScriptedHandler.Attempts[body].Count);
    }

    [Fact]
    public async Task A_bank_that_asked_for_a_pause_gets_it_before_the_message_is_tried_again()
    {
        var (storage, queue) = await NewQueue();
        var body = "pause-" + Guid.NewGuid();
        ScriptedHandler.FailuresBeforeSuccess[body] = 1;
        ScriptedHandler.RetryAfter[body] = TimeSpan.FromSeconds(4); // visibility timeout: 1 s
        await new StorageQueueSender(storage).SendAsync(queue, body);
        using var processor = RuntimeHarness.Processor(storage, queue);
        var started = DateTime.UtcNow;
        await processor.StartAsync(default);
        await RuntimeHarness.WaitUntil(() => Task.FromResult(ScriptedHandler.Completed.ContainsKey(body)), TimeSpan.FromSeconds(20));
        var elapsed = DateTime.UtcNow - started;
        await processor.StopAsync(default);
        Assert.True(elapsed >= TimeSpan.FromSeconds(4), $"retried after {elapsed}, before the bank's 4 s");
        Assert.Equal([1L, 2], ScriptedHandler.Attempts[body].ToArray());
    }

    [Fact]
    public async Task Message_that_is_not_base64_goes_to_poison_without_running_the_handler()
    {
        var (storage, queue) = await NewQueue();
        await storage.RawQueues.GetQueueClient(queue).SendMessageAsync("not base64 at all!");
        using var processor = RuntimeHarness.Processor(storage, queue);
        await processor.StartAsync(default);
        var poison = storage.RawQueues.GetQueueClient(QueueNames.Poison(queue));
        await RuntimeHarness.WaitUntil(async () => (await poison.ExistsAsync()).Value && (await poison.PeekMessagesAsync(1)).Value.Length == 1, TimeSpan.FromSeconds(10));
        await processor.StopAsync(default);
        Assert.False(ScriptedHandler.Attempts.ContainsKey("not base64 at all!"));
    }

    [Fact]
    public async Task Shutdown_returns_an_unfinished_message_to_the_queue_at_once()
    {
        var (storage, queue) = await NewQueue();
        var body = "slow-" + Guid.NewGuid();
        ScriptedHandler.Delays[body] = TimeSpan.FromMinutes(5);
        await new StorageQueueSender(storage).SendAsync(queue, body);
        var processor = RuntimeHarness.Processor(storage, queue);
        await processor.StartAsync(default);
        await RuntimeHarness.WaitUntil(() => Task.FromResult(ScriptedHandler.Attempts.ContainsKey(body)), TimeSpan.FromSeconds(10));
        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(1)))
        {
            await processor.StopAsync(stop.Token);
        }
        processor.Dispose();
        // Visible again well before the processing lease (function timeout) would have expired.
        var raw = storage.Queues.GetQueueClient(queue);
        await RuntimeHarness.WaitUntil(async () => (await raw.PeekMessagesAsync(1)).Value.Length == 1, TimeSpan.FromSeconds(40));
        Assert.Equal(body, Encoding.UTF8.GetString((await raw.PeekMessagesAsync(1)).Value[0].Body.ToArray()));
    }

    [Fact]
    public async Task An_idle_queue_is_polled_with_doubling_back_off_up_to_the_max_polling_interval_on_the_processors_clock()
    {
        var queue = "q" + Guid.NewGuid().ToString("N")[..12];
        var receives = StorageCallCounter.Receives(queue);
        var storage = new StorageClients(new StorageOptions { ConnectionString = azurite.ConnectionString }, null, receives);
        var clock = new WaitCountingClock(DateTimeOffset.UtcNow);
        using var processor = RuntimeHarness.Processor(storage, queue, clock: clock); // maxPollingInterval 500 ms
        await processor.StartAsync(default);
        await WaitForWaits(clock, 1); // the first receive found nothing; the processor waits
        Assert.Equal(1, receives.Count);

        // host.json semantics: 100 ms after an empty receive, doubling after each further one, capped at maxPollingInterval.
        int[] backOff = [100, 200, 400, 500, 500];
        for (var i = 0; i < backOff.Length; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(backOff[i] - 1));
            Assert.Equal(i + 1, receives.Count); // a fake-clock wait: no receive before it is due
            clock.Advance(TimeSpan.FromMilliseconds(1));
            await WaitForWaits(clock, i + 2); // received (nothing) and waiting again
            Assert.Equal(i + 2, receives.Count);
        }
        await processor.StopAsync(default);
    }

    [Fact]
    public async Task A_message_enqueued_on_this_instance_wakes_the_idle_processor_before_its_back_off_ends()
    {
        var queue = "q" + Guid.NewGuid().ToString("N")[..12];
        var receives = StorageCallCounter.Receives(queue);
        var storage = new StorageClients(new StorageOptions { ConnectionString = azurite.ConnectionString }, null, receives);
        var clock = new WaitCountingClock(DateTimeOffset.UtcNow);
        var wakeup = new QueueWakeup();
        using var processor = RuntimeHarness.Processor(storage, queue, clock: clock, wakeup: wakeup);
        await processor.StartAsync(default);
        await WaitForWaits(clock, 1);
        var body = "wake-" + Guid.NewGuid();
        await new StorageQueueSender(storage, wakeup).SendAsync(queue, body);
        // The fake clock never moves: only the wakeup can end the 100 ms wait.
        await RuntimeHarness.WaitUntil(() => Task.FromResult(ScriptedHandler.Completed.ContainsKey(body)), TimeSpan.FromSeconds(20));
        await processor.StopAsync(default);
        Assert.Equal([1L], ScriptedHandler.Attempts[body].ToArray());
        Assert.True(receives.Count >= 2);
    }

    [Fact]
    public async Task A_drain_ends_only_after_the_idle_window_has_passed_on_the_processors_clock()
    {
        var queue = "q" + Guid.NewGuid().ToString("N")[..12];
        var storage = new StorageClients(new StorageOptions { ConnectionString = azurite.ConnectionString }, null);
        var clock = new WaitCountingClock(DateTimeOffset.UtcNow);
        using var processor = RuntimeHarness.Processor(storage, queue, clock: clock, drain: new BankFunctions.Host.Runtime.DrainUntilIdle(TimeSpan.FromSeconds(2)));
        await processor.StartAsync(default);

        // An empty receive, then a wait of at most 500 ms (maxPollingInterval): each 500 ms advance ends exactly one wait.
        for (var waits = 1; waits <= 4; waits++)
        {
            await WaitForWaits(clock, waits);
            Assert.False(processor.ExecuteTask!.IsCompleted, $"drained after {(waits - 1) * 500} ms of a 2 s idle window");
            if (waits < 4)
            {
                clock.Advance(TimeSpan.FromMilliseconds(500));
            }
        }
        clock.Advance(TimeSpan.FromMilliseconds(500)); // idle for 2 s of the processor's time: the next receive ends it
        await Task.WhenAny(processor.ExecuteTask!, Task.Delay(TimeSpan.FromSeconds(20)));
        Assert.True(processor.ExecuteTask!.IsCompleted, "the drain never ended");
    }

    private static Task WaitForWaits(WaitCountingClock clock, int timers) =>
        RuntimeHarness.WaitUntil(() => Task.FromResult(clock.TimersCreated >= timers), TimeSpan.FromSeconds(20));

    [Fact]
    public async Task Sixteen_messages_are_processed_concurrently()
    {
        var (storage, queue) = await NewQueue();
        var bodies = Enumerable.Range(0, 16).Select(i => $"conc-{i}-{Guid.NewGuid()}").ToList();
        foreach (var b in bodies)
        {
            ScriptedHandler.Delays[b] = TimeSpan.FromSeconds(1);
            await new StorageQueueSender(storage).SendAsync(queue, b);
        }
        using var processor = RuntimeHarness.Processor(storage, queue);
        var started = DateTime.UtcNow;
        await processor.StartAsync(default);
        await RuntimeHarness.WaitUntil(() => Task.FromResult(bodies.All(ScriptedHandler.Completed.ContainsKey)), TimeSpan.FromSeconds(20));
        await processor.StopAsync(default);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(8), "16 one-second handlers should overlap");
    }
}
