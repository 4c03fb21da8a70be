using BankFunctions.Features.Payments;
using BankFunctions.Features.Runtime;
using BankFunctions.Storage;
using BankFunctions.Storage.Queues;
using BankFunctions.Storage.Rows;
using Microsoft.Extensions.Logging;

namespace BankFunctions.Features.Dispatch;

/// <summary>
/// A file whose bank cannot be reached (5xx, 429, timeouts, an open circuit) waits for it instead of spending its
/// queue message's five deliveries in a minute or two — which made every payment of a short bank outage or a
/// maintenance window needs_attention. The next dispatch is scheduled with back-off: the file row (its wait count) and
/// an outbox row due just after the delay are one transaction, then a delayed message; a crash in between is re-driven
/// by the outbox sweep. Works the same under the Functions host, whose message visibility we cannot set.
/// Once <see cref="BankWaitOptions.BankWaitLimit"/> waits are spent, the queue's own retries and poison take over.
/// </summary>
public sealed partial class BankWaits(
    BankFileStore files, IQueueSender queue, TimeProvider clock, BankWaitOptions options, BankWaitBoard board, ILogger<BankWaits> logger)
{
    /// <summary>
    /// Schedules the file's next dispatch; throws <see cref="BankUnavailableException"/> when it may not wait (again).
    /// The file row shows the wait (since when, the next attempt, the last error code) for its payments' GET.
    /// </summary>
    public async Task WaitAsync(BankFileRow file, string reason, TimeSpan? bankAskedFor, string? errorCode, CancellationToken cancellationToken)
    {
        file.LastError = reason;
        file.LastErrorCode = errorCode;
        if (file.BankWaits >= options.BankWaitLimit)
        {
            await files.TryUpdateAsync(file, cancellationToken);
            throw new BankUnavailableException($"{reason} (waited {file.BankWaits} times)", bankAskedFor);
        }
        file.BankWaits++;
        var delay = options.Delay(file.BankWaits, bankAskedFor);
        var message = new FileMessage(file.PartitionKey, file.FileId).ToJson();
        var now = clock.GetUtcNow();
        file.BankUnavailableSince ??= now;
        file.NextAttemptAt = now + delay;
        // The outbox row is due a grace period after the message (PaymentRows.Outbox adds it), so the sweep only
        // re-drives a message that was lost.
        var outbox = PaymentRows.Outbox(file.PartitionKey, file.FileId, QueueNames.PaymentsDispatch, message, now + delay);
        if (!await files.TryUpdateAsync(file, outbox, cancellationToken))
        {
            // Changed meanwhile by another delivery: let the queue retry re-read it.
            throw new BankUnavailableException(reason, bankAskedFor);
        }
        await queue.SendAsync(QueueNames.PaymentsDispatch, message, TimeSpan.FromSeconds(Math.Ceiling(delay.TotalSeconds)), cancellationToken);
        await board.RecordWaitAsync(file, file.NextAttemptAt.Value, errorCode, cancellationToken);
        LogWaiting(logger, file.FileId, file.Bank, delay.TotalSeconds, file.BankWaits, reason);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "File {FileId}: bank {Bank} unavailable; dispatch again in {Seconds} s (wait {Wait}): {Reason}")]
    private static partial void LogWaiting(ILogger logger, string fileId, string bank, double seconds, int wait, string reason);
}
