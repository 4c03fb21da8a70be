using BankFunctions.Domain.Payments;
using BankFunctions.Banks;
using BankFunctions.Features.Payments;
using BankFunctions.Features.Runtime;
using BankFunctions.Storage;
using BankFunctions.Storage.Queues;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Dispatch;

/// <summary>
/// payments-status: asks the bank for a sent file's statuses and moves each payment accordingly (ETag-guarded),
/// keeping the bank's codes; polls again with back-off until every payment is terminal.
/// </summary>
public sealed class PollPaymentStatus(
    BankFileStore files, BankFileRequests requests, IQueueSender queue, BankWaitBoard board, BatchOutcomes batches,
    TimeProvider clock) : IQueueHandler
{
    public async Task HandleAsync(QueueMessageContext message, CancellationToken cancellationToken)
    {
        var msg = FileMessage.Parse(message.Body);
        var file = await files.FindAsync(msg.TenantId, msg.FileId, cancellationToken);
        if (file is null || file.State is BankFileStates.Preparing or BankFileStates.Prepared)
        {
            return;
        }
        if (file.State is BankFileStates.Final or BankFileStates.NeedsAttention)
        {
            // Settled earlier; a crash may have left the outbox row behind, and the sweep would re-drive it for ever.
            await files.DeleteOutboxAsync(file.PartitionKey, file.FileId, cancellationToken);
            return;
        }
        var request = await requests.LoadAsync(file, cancellationToken);
        var outcome = await request.Adapter.QueryPaymentStatusAsync(request.PaymentFile, cancellationToken);
        var payments = request.Payments;
        TimeSpan? bankAskedFor = null;
        switch (outcome)
        {
            case StatusOutcome.Unavailable unavailable:
                // No answer counts as a poll, and the next one waits at least as long as the bank asked (Retry-After, an
                // open circuit). Throwing instead spent the message's five deliveries within a minute or two and made
                // every payment of a short bank outage needs_attention; polls back off to 5 minutes and last 600 polls.
                file.LastError = $"Status query failed: {unavailable.Reason}";
                file.LastErrorCode = unavailable.Code;
                file.BankUnavailableSince ??= clock.GetUtcNow();
                bankAskedFor = unavailable.RetryAfter;
                break;
            case StatusOutcome.Refused refused:
                throw new InvalidOperationException($"The bank refused the status query: {refused.Reason}");
            case StatusOutcome.NotFound when file.State == BankFileStates.Sending:
                // A send whose outcome was unknown never arrived: send it (dispatch re-checks before sending).
                await queue.SendAsync(QueueNames.PaymentsDispatch, new FileMessage(file.PartitionKey, file.FileId).ToJson(), cancellationToken: cancellationToken);
                return;
            case StatusOutcome.Found found:
                // The rows as saved (or re-read after a conflict); one changed by someone else meanwhile, unseen here,
                // can only have moved forward, so at worst it costs one more poll.
                payments = await files.ApplyBankStatusesAsync(request.Payments, found.Payments, nameof(PollPaymentStatus), cancellationToken);
                if (file.BankUnavailableSince is not null)
                {
                    await board.RecordAnswerAsync(file, cancellationToken);
                }
                file.LastError = null;
                file.LastErrorCode = null;
                file.BankUnavailableSince = null;
                file.NextAttemptAt = null;
                break;
        }

        // Terminal: stop polling. A return after completion (退票, camt.054 RtrInf) is found by statement reconciliation.
        if (payments.All(p => PaymentStateMachine.IsFinal(PaymentTransitions.StatusOf(p))))
        {
            file.State = BankFileStates.Final;
            await files.TryUpdateAsync(file, cancellationToken);
            await batches.RecordAsync(file, payments, clock.GetUtcNow(), cancellationToken);
            await files.DeleteOutboxAsync(file.PartitionKey, file.FileId, cancellationToken);
            return;
        }
        file.StatusPolls = Math.Max(file.StatusPolls, msg.Poll) + 1;
        if (file.StatusPolls > StatusPolling.MaxPolls)
        {
            await files.TransitionAsync(payments, (p, now) =>
                PaymentTransitions.TryApply(p, PaymentStatus.NeedsAttention, PaymentTrigger.GiveUp, now, "The bank gave no final status in time."),
                nameof(PollPaymentStatus), cancellationToken);
            file.State = BankFileStates.NeedsAttention;
            await files.TryUpdateAsync(file, cancellationToken);
            return;
        }
        // The next poll's message, and its outbox row due just after it, so a lost message (a crash before the send)
        // is re-driven about when it was due rather than minutes later; one transaction with the file row.
        var delay = StatusPolling.Delay(file.StatusPolls);
        if (bankAskedFor > delay)
        {
            delay = bankAskedFor.Value;
        }
        var next = new FileMessage(file.PartitionKey, file.FileId, file.StatusPolls).ToJson();
        if (file.BankUnavailableSince is not null)
        {
            file.NextAttemptAt = clock.GetUtcNow() + delay;
        }
        await files.TryUpdateAsync(file, PaymentRows.Outbox(file.PartitionKey, file.FileId, QueueNames.PaymentsStatus, next, clock.GetUtcNow() + delay), cancellationToken);
        await StatusPollScheduler.ScheduleAsync(queue, next, delay, clock, cancellationToken);
        if (outcome is StatusOutcome.Unavailable failed)
        {
            await board.RecordWaitAsync(file, file.NextAttemptAt!.Value, failed.Code, cancellationToken);
        }
    }

}
