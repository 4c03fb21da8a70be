using System.Collections.Concurrent;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using BankFunctions.Host.Runtime;
using BankFunctions.Storage;
using BankFunctions.TestSupport;

namespace BankFunctions.Host.Tests.Runtime;

/// <summary>
/// The lease's renewal schedule on a fake clock against real Azurite: no renewal before a third of the lease, one at
/// each third, and the receipt it hands back is the one that holds the message. (The real-time test that a handler
/// outliving the lease keeps its message is QueueProcessorTests.)
/// </summary>
public sealed class MessageLeaseTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Renews_at_each_third_of_the_lease_on_its_clock_and_hands_back_the_receipt_that_holds_the_message()
    {
        var updates = new UpdateCounter();
        var storage = new StorageClients(new StorageOptions { ConnectionString = azurite.ConnectionString }, null, updates);
        var queue = storage.RawQueues.GetQueueClient("lease" + Guid.NewGuid().ToString("N")[..12]);
        await queue.CreateIfNotExistsAsync();
        await queue.SendMessageAsync("work");
        var taken = (await queue.ReceiveMessageAsync(Lease)).Value;
        var clock = new WaitCountingClock(DateTimeOffset.UtcNow);

        var lease = new MessageLease(queue, taken.MessageId, taken.PopReceipt, Lease, clock.GetUtcNow(), clock);
        await WaitForWaits(clock, 1);
        clock.Advance(Lease / 3 - TimeSpan.FromMilliseconds(1));
        Assert.Equal(0, updates.Count); // the wait is a fake-clock timer: nothing can renew before it is due
        clock.Advance(TimeSpan.FromMilliseconds(1));
        await WaitForWaits(clock, 2); // renewed, and waiting for the next third
        Assert.Equal(1, updates.Count);
        clock.Advance(Lease / 3);
        await WaitForWaits(clock, 3);
        Assert.Equal(2, updates.Count);
        var receipt = await lease.StopAsync();
        await lease.DisposeAsync();

        Assert.Equal(2, updates.Count);
        Assert.NotEqual(taken.PopReceipt, receipt);
        await Assert.ThrowsAnyAsync<RequestFailedException>(() => queue.DeleteMessageAsync(taken.MessageId, taken.PopReceipt));
        await queue.DeleteMessageAsync(taken.MessageId, receipt);
        Assert.Equal(0, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    private static Task WaitForWaits(WaitCountingClock clock, int timers) =>
        RuntimeHarness.WaitUntil(() => Task.FromResult(clock.TimersCreated >= timers), TimeSpan.FromSeconds(20));

    /// <summary>Counts Update Message calls (PUT …/messages/{id}?popreceipt=…) that reach the queue service.</summary>
    private sealed class UpdateCounter : HttpPipelinePolicy
    {
        private readonly ConcurrentQueue<string> _updates = new();

        public int Count => _updates.Count;

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            Record(message);
            ProcessNext(message, pipeline);
        }

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            Record(message);
            await ProcessNextAsync(message, pipeline);
        }

        private void Record(HttpMessage message)
        {
            if (message.Request.Method == RequestMethod.Put && message.Request.Uri.Query.Contains("popreceipt=", StringComparison.OrdinalIgnoreCase))
            {
                _updates.Enqueue(message.Request.Uri.ToString());
            }
        }
    }
}
