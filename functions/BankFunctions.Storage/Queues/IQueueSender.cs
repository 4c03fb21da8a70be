namespace BankFunctions.Storage.Queues;

/// <summary>
/// Puts a message on a work queue (Storage Queues today; a Service Bus adapter would implement the same port).
/// Bodies are Base64-encoded on the wire, as the Functions queue trigger expects.
/// </summary>
public interface IQueueSender
{
    Task SendAsync(string queueName, string body, TimeSpan? visibilityDelay = null, CancellationToken cancellationToken = default);
}
