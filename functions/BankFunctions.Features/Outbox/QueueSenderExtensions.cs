using BankFunctions.Storage.Queues;

namespace BankFunctions.Features.Outbox;

/// <summary>
/// The enqueue after a committed state change. Its failure must not fail the request: the outbox row written in the
/// same transaction makes the sweep enqueue the work later.
/// </summary>
public static class QueueSenderExtensions
{
    public static async Task TrySendAsync(this IQueueSender queue, string queueName, string body, CancellationToken cancellationToken = default)
    {
        try
        {
            await queue.SendAsync(queueName, body, cancellationToken: cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Deliberately swallowed: the outbox sweep re-drives it.
        }
    }
}
