namespace BankFunctions.Storage.Queues;

/// <summary>Storage Queues implementation of <see cref="IQueueSender"/> (Base64 via the client's message encoding).</summary>
public sealed class StorageQueueSender(StorageClients storage, QueueWakeup? wakeup = null) : IQueueSender
{
    public async Task SendAsync(string queueName, string body, TimeSpan? visibilityDelay = null, CancellationToken cancellationToken = default)
    {
        Guard.StorageLimits.CheckQueueMessage(body);
        await storage.Queues.GetQueueClient(queueName).SendMessageAsync(body, visibilityDelay, cancellationToken: cancellationToken);
        if (visibilityDelay is null || visibilityDelay == TimeSpan.Zero)
        {
            wakeup?.Notify(queueName);
        }
    }
}
