using Azure.Data.Tables;
using BankFunctions.Domain.Payments;
using BankFunctions.Banks;
using BankFunctions.Banks.Signing;
using BankFunctions.Storage.Guard;
using BankFunctions.Features.Outbox;
using BankFunctions.Features.Payments;
using BankFunctions.Features.Runtime;
using BankFunctions.Storage;
using BankFunctions.Storage.Queues;
using BankFunctions.Storage.Rows;
using Microsoft.Extensions.Logging;

namespace BankFunctions.Features.Dispatch;

/// <summary>
/// payments-dispatch: sends a prepared file to its bank exactly once. The file is marked "sending" before the request
/// leaves; finding it in "sending" again means the outcome is unknown, which is resolved by a status query — the file
/// is sent again only when the bank says it never got it (and then with the same references, which the bank dedupes).
/// </summary>
public sealed partial class DispatchPayments(
    StorageClients storage, BankFileStore files, BankFileRequests requests, IQueueSender queue,
    BankWaits waits, BankWaitBoard board, BatchOutcomes batches, TimeProvider clock, ILogger<DispatchPayments> logger) : IQueueHandler
{
    public static readonly TimeSpan FirstStatusPoll = StatusPolling.Delay(0);

    public async Task HandleAsync(QueueMessageContext message, CancellationToken cancellationToken)
    {
        var msg = FileMessage.Parse(message.Body);
        var file = await files.FindAsync(msg.TenantId, msg.FileId, cancellationToken);
        if (file?.State is BankFileStates.Final or BankFileStates.NeedsAttention)
        {
            // Settled without being sent (cancelled while waiting for its bank): nothing to re-drive any more.
            await files.DeleteOutboxAsync(file.PartitionKey, file.FileId, cancellationToken);
            return;
        }
        if (file is null || file.State is not (BankFileStates.Prepared or BankFileStates.Sending))
        {
            return; // Not ready, or already past dispatch: a redelivered message.
        }
        var request = await requests.LoadAsync(file, cancellationToken);

        if (file.State == BankFileStates.Sending)
        {
            // We started a send before and never recorded its end (crash, unknown outcome): ask, never resend blindly.
            switch (await request.Adapter.QueryPaymentStatusAsync(request.PaymentFile, cancellationToken))
            {
                case StatusOutcome.Found found:
                    await MarkSentAsync(file, request.Payments, found.BankFileReference ?? file.BankFileReference, cancellationToken);
                    return;
                case StatusOutcome.Unavailable unavailable:
                    await waits.WaitAsync(file, $"Status query before resend failed: {unavailable.Reason}", unavailable.RetryAfter, unavailable.Code, cancellationToken);
                    return;
                case StatusOutcome.Refused refused:
                    throw new InvalidOperationException($"The bank refused the status query before resend: {refused.Reason}");
                case StatusOutcome.NotFound:
                    break; // The bank never got it: sending it now is the first delivery.
            }
        }

        file.State = BankFileStates.Sending;
        file.SendAttempts++;
        if (!await files.TryUpdateAsync(file, cancellationToken))
        {
            return; // Another instance is dispatching it.
        }
        var prepared = await LoadPreparedAsync(file, cancellationToken);
        var outcome = await request.Adapter.SendPaymentFileAsync(request.PaymentFile, prepared, cancellationToken);
        LogOutcome(logger, file.FileId, file.Bank, outcome.GetType().Name);
        switch (outcome)
        {
            case SendOutcome.Accepted accepted:
                await MarkSentAsync(file, request.Payments, accepted.BankFileReference, cancellationToken);
                if (accepted.Statuses is { Count: > 0 } statuses)
                {
                    await files.ApplyBankStatusesAsync(request.Payments, statuses, nameof(DispatchPayments), cancellationToken);
                }
                break;
            case SendOutcome.Duplicate duplicate:
                // "Already received": the bank has it; its status query tells us everything else.
                await MarkSentAsync(file, request.Payments, duplicate.BankFileReference ?? file.BankFileReference, cancellationToken);
                break;
            case SendOutcome.Retryable retryable:
                // Not executed: "prepared" again, sent when the bank is back.
                file.State = BankFileStates.Prepared;
                await waits.WaitAsync(file, $"Retryable: {retryable.Reason}", retryable.RetryAfter, retryable.Code, cancellationToken);
                break;
            case SendOutcome.UnknownOutcome unknown:
                // Stay in "sending"; the next dispatch resolves it by a status query, never by a blind resend.
                await waits.WaitAsync(file, $"Unknown outcome: {unknown.Reason}", null, unknown.Code, cancellationToken);
                break;
            case SendOutcome.Terminal terminal:
                var refused = await files.TransitionAsync(request.Payments, (p, now) =>
                    PaymentTransitions.StatusOf(p) == PaymentStatus.Signing &&
                    PaymentTransitions.TryApply(p, PaymentStatus.Rejected, PaymentTrigger.BankReport, now, terminal.Reason, terminal.Code),
                    nameof(DispatchPayments), cancellationToken);
                file.State = BankFileStates.Final;
                file.LastError = $"{terminal.Code}: {terminal.Reason}";
                await files.TryUpdateAsync(file, cancellationToken);
                await batches.RecordAsync(file, refused, clock.GetUtcNow(), cancellationToken);
                await files.DeleteOutboxAsync(file.PartitionKey, file.FileId, cancellationToken);
                break;
        }
    }

    private async Task<PreparedPaymentFile> LoadPreparedAsync(BankFileRow file, CancellationToken cancellationToken)
    {
        var container = storage.Blobs.GetBlobContainerClient(BlobContainers.BankFiles);
        var contentDownload = container.GetBlobClient(file.ContentBlob).DownloadContentAsync(cancellationToken);
        var signatureDownload = container.GetBlobClient(file.SignatureBlob).DownloadContentAsync(cancellationToken);
        var content = await contentDownload;
        var signature = await signatureDownload;
        return new PreparedPaymentFile(content.Value.Content.ToArray(), content.Value.Details.ContentType,
            new SignatureResult(signature.Value.Content.ToArray(), file.SignatureAlgorithm ?? "", file.SigningKeyId ?? ""));
    }

    private async Task MarkSentAsync(BankFileRow file, IReadOnlyList<PaymentRow> payments, string? bankFileReference, CancellationToken cancellationToken)
    {
        await files.TransitionAsync(payments, (p, now) =>
        {
            if (!PaymentStateMachine.CanMove(PaymentTransitions.StatusOf(p), PaymentStatus.Sent, PaymentTrigger.Send))
            {
                return false;
            }
            p.BankFileReference = bankFileReference;
            return PaymentTransitions.Apply(p, PaymentStatus.Sent, PaymentTrigger.Send, now);
        }, nameof(DispatchPayments), cancellationToken);
        var now = clock.GetUtcNow();
        var hadWaited = file.BankUnavailableSince is not null;
        file.State = BankFileStates.Sent;
        file.BankFileReference = bankFileReference;
        file.LastError = null;
        file.LastErrorCode = null;
        file.BankUnavailableSince = null;
        file.NextAttemptAt = null;
        file.UpdatedAt = now;
        var status = new FileMessage(file.PartitionKey, file.FileId).ToJson();
        // The status poller owns the file from here; its outbox row re-drives polling if a message is lost. The file
        // row and the outbox row change in one transaction: written one after the other, a crash in between left a
        // "sent" file whose outbox row still pointed at dispatch (which ignores sent files), so nothing ever polled
        // it again and its payments stayed "sent" for good (found by ./bench.sh chaos).
        var outbox = PaymentRows.Outbox(file.PartitionKey, file.FileId, QueueNames.PaymentsStatus, status, now + FirstStatusPoll);
        try
        {
            var result = await storage.Table(TableNames.TenantData).SubmitCheckedAsync(
                [new(TableTransactionActionType.UpdateReplace, file, file.ETag), new(TableTransactionActionType.UpsertReplace, outbox)], cancellationToken);
            file.ETag = result.Value[0].Headers.ETag ?? file.ETag;
        }
        catch (TableTransactionFailedException e) when (e.Status == 412)
        {
            // Another delivery changed the file first: the retry finds it sent (a no-op) or resolves it by a status query.
            throw new InvalidOperationException("The file changed while being marked sent; will retry.", e);
        }
        await StatusPollScheduler.ScheduleAsync(queue, status, FirstStatusPoll, clock, cancellationToken);
        if (hadWaited)
        {
            await board.RecordAnswerAsync(file, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Dispatched file {FileId} to {Bank}: {Outcome}")]
    private static partial void LogOutcome(ILogger logger, string fileId, string bank, string outcome);
}
