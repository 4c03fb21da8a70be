namespace BankFunctions.Storage.Queues;

/// <summary>
/// Storage Queues implementation of <see cref="IQueueSender"/> (Base64 via the client's message encoding). The one
/// place a message gets the sender's trace context (<see cref="MessageTraceContext"/>), so the work it starts
/// continues the trace of the request or message that caused it.
/// </summary>
public sealed class StorageQueueSender(StorageClients storage, QueueWakeup? wakeup = null) : IQueueSender
{
    public async Task SendAsync(string queueName, string body, TimeSpan? visibilityDelay = null, CancellationToken cancellationToken = default)
    {
        Guard.StorageLimits.CheckQueueMessage(body);
        var traced = MessageTraceContext.Attach(body, System.Diagnostics.Activity.Current);
        if (Guard.StorageLimits.FitsQueueMessage(traced))
        {
            body = traced; // A message at the very limit goes without its trace context rather than not at all.
        }
        await storage.Queues.GetQueueClient(queueName).SendMessageAsync(body, visibilityDelay, cancellationToken: cancellationToken);
        if (wakeup is null)
        {
            return;
        }
        if (visibilityDelay is not { } delay || delay <= TimeSpan.Zero)
        {
            wakeup.Notify(queueName);
        }
        else
        {
            // A delayed message (status polls) wakes this instance's processor when it becomes visible, rather than
            // waiting for the processor's idle back-off; other instances still find it by polling.
            _ = Task.Delay(delay, CancellationToken.None).ContinueWith(_ => wakeup.Notify(queueName), TaskScheduler.Default);
        }
    }
}
