using Azure;
using BankFunctions.Features.Outbox;
using BankFunctions.Features.Runtime;
using BankFunctions.Storage;
using BankFunctions.Storage.Encryption;
using BankFunctions.Storage.Guard;
using BankFunctions.Storage.Queues;
using BankFunctions.Storage.Rows;
using Microsoft.Extensions.Logging;

namespace BankFunctions.Features.Encryption;

/// <summary>
/// datakey-reseal: one page of a tenant's re-seal (<see cref="StartDataKeyReseal"/>) — up to 1,000 rows of a table or
/// 100 blobs of a container, whichever store the job is at (<see cref="DataKeyReseal"/> does the reading and writing).
/// Only the page the job row waits for is handled; its counts and the next page's place are recorded under the row's
/// ETag together with the next message's outbox row, then the next message is sent. A message delivered twice finds
/// its page recorded (or loses the ETag race) and neither counts nor sends again; the page's writes are conditional
/// and skip what is current, so doing them twice changes nothing.
/// </summary>
public sealed partial class ResealDataKeyPage(StorageClients storage, IQueueSender queue, TimeProvider clock, ILogger<ResealDataKeyPage> logger) : IQueueHandler
{
    public async Task HandleAsync(QueueMessageContext message, CancellationToken cancellationToken)
    {
        if (DataKeyResealMessage.TryParse(message.Body) is not { } work)
        {
            LogUnreadable(logger, message.MessageId);
            return;
        }
        if (storage.KeyRing is not { } ring || storage.Reseal is not { } reseal)
        {
            // Retried, then poisoned (the job fails): an instance without the KEK cannot re-seal.
            throw new InvalidOperationException("Encryption at rest is off on this instance: it cannot re-seal.");
        }
        var table = storage.Table(TableNames.TenantData);
        var job = await DataKeyResealJob.FindAsync(table, work.TenantId, cancellationToken);
        if (!DataKeyResealJob.IsDue(job, work))
        {
            if (job is not { State: DataKeyResealJob.Running })
            {
                await DataKeyResealJob.ForgetOutboxAsync(table, work.TenantId, cancellationToken);
            }
            return;
        }
        var current = await ring.CurrentVersionAsync(work.TenantId, job!.TargetVersion, cancellationToken);
        var store = DataKeyReseal.Stores[job.Stage];
        var page = await reseal.PageAsync(store, work.TenantId, job.Continuation, current, cancellationToken);
        var now = clock.GetUtcNow();
        DataKeyResealJob.Advance(job, page, now);
        try
        {
            await table.SubmitCheckedAsync(DataKeyResealJob.Record(job, now), cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            return; // Another delivery of this page recorded it first.
        }
        LogPage(logger, work.TenantId, work.JobId, work.Page, store.Name, page.Scanned, page.Rewritten, page.SkippedConcurrent);
        if (job.State == DataKeyResealJob.Running)
        {
            await queue.TrySendAsync(QueueNames.DataKeyReseal, DataKeyResealJob.NextMessage(job).ToJson(), cancellationToken);
            return;
        }
        await DataKeyResealJob.ForgetOutboxAsync(table, work.TenantId, cancellationToken);
        LogCompleted(logger, work.TenantId, work.JobId, job.OldestVersionSeen);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Unreadable datakey-reseal message {MessageId} dropped")]
    private static partial void LogUnreadable(ILogger logger, string messageId);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Re-seal {TenantId} {JobId} page {Page} ({Store}): {Scanned} scanned, {Rewritten} rewritten, {Skipped} skipped (changed meanwhile)")]
    private static partial void LogPage(ILogger logger, string tenantId, string jobId, int page, string store, int scanned, int rewritten, int skipped);

    [LoggerMessage(Level = LogLevel.Information, Message = "Re-seal {TenantId} {JobId} completed; oldest data key version left: {Oldest}")]
    private static partial void LogCompleted(ILogger logger, string tenantId, string jobId, int? oldest);
}
