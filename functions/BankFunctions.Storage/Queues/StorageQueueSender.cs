namespace BankFunctions.Storage.Queues;

/// <summary>Storage Queues implementation of <see cref="IQueueSender"/> (Base64 via the client's message encoding).</summary>
public sealed class StorageQueueSender(StorageClients storage, QueueWakeup? wakeup = null) : IQueueSender
{
    /// <summary>Azure's limit is 64 KiB of encoded message; Base64 leaves 48 KiB of raw bytes.</summary>
    public const int MaxRawBytes = 48 * 1024;

    public async Task SendAsync(string queueName, string body, TimeSpan? visibilityDelay = null, CancellationToken cancellationToken = default)
    {
        if (System.Text.Encoding.UTF8.GetByteCount(body) > MaxRawBytes)
        {
            throw new ArgumentException($"A queue message must not exceed {MaxRawBytes} bytes before Base64 encoding.", nameof(body));
        }
        await storage.Queues.GetQueueClient(queueName).SendMessageAsync(body, visibilityDelay, cancellationToken: cancellationToken);
        if (visibilityDelay is null || visibilityDelay == TimeSpan.Zero)
        {
            wakeup?.Notify(queueName);
        }
    }
}
