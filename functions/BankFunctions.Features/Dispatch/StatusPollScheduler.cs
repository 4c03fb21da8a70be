using BankFunctions.Storage;
using BankFunctions.Storage.Queues;

namespace BankFunctions.Features.Dispatch;

/// <summary>
/// Puts the next status poll on payments-status after <c>delay</c>. Storage Queues delay visibility in whole seconds
/// only (the service takes an integer, and Azurite rounds a fraction up: a 250 ms poll became a 1 s poll, after the
/// bank had already settled). So a sub-second delay is waited out in this process and the message sent when due —
/// no handler slot is held meanwhile; if the process dies first, the file's outbox row, due just after the poll,
/// re-drives it. Longer delays go to the queue, rounded up to the next second.
/// </summary>
public static class StatusPollScheduler
{
    private static readonly TimeSpan QueueGranularity = TimeSpan.FromSeconds(1);

    /// <param name="clock">Times the in-process wait (the handler's clock, so a test can advance it).</param>
    public static async Task ScheduleAsync(IQueueSender queue, string message, TimeSpan delay, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (delay >= QueueGranularity)
        {
            await queue.SendAsync(QueueNames.PaymentsStatus, message, TimeSpan.FromSeconds(Math.Ceiling(delay.TotalSeconds)), cancellationToken);
            return;
        }
        _ = Task.Run(async () =>
        {
            await Task.Delay(delay, clock, CancellationToken.None);
            try
            {
                await queue.SendAsync(QueueNames.PaymentsStatus, message, null, CancellationToken.None);
            }
            catch (Exception e) when (e is Azure.RequestFailedException or HttpRequestException or IOException or OperationCanceledException)
            {
                // Storage unreachable: the outbox row re-drives this poll.
            }
        }, CancellationToken.None);
    }
}
