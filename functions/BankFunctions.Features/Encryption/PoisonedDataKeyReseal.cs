using Azure;
using Azure.Data.Tables;
using BankFunctions.Features.Runtime;
using BankFunctions.Storage;
using BankFunctions.Storage.Guard;
using BankFunctions.Storage.Rows;
using Microsoft.Extensions.Logging;

namespace BankFunctions.Features.Encryption;

/// <summary>
/// datakey-reseal-poison: a page that failed five deliveries in a row (storage trouble, an instance without the KEK, a
/// value that does not open). If the job still waits for that page it is marked failed, with the reason, and its
/// outbox row removed so the sweep stops sending it; the operator starts a new job once the cause is fixed (a new pass
/// skips what the failed one re-sealed).
/// </summary>
public sealed partial class PoisonedDataKeyReseal(StorageClients storage, TimeProvider clock, ILogger<PoisonedDataKeyReseal> logger) : IQueueHandler
{
    public async Task HandleAsync(QueueMessageContext message, CancellationToken cancellationToken)
    {
        if (DataKeyResealMessage.TryParse(message.Body) is not { } work)
        {
            return; // Not ours to explain.
        }
        var table = storage.Table(TableNames.TenantData);
        var job = await DataKeyResealJob.FindAsync(table, work.TenantId, cancellationToken);
        if (job is null || !DataKeyResealJob.IsDue(job, work))
        {
            return; // The page was done by a later delivery, or the job is no longer running.
        }
        job.State = DataKeyResealJob.Failed;
        job.CompletedAt = clock.GetUtcNow();
        job.Failure = $"Page {work.Page} ({BankFunctions.Storage.Encryption.DataKeyReseal.Stores[job.Stage].Name}) failed five deliveries in a row; start a new re-seal once the cause is fixed.";
        try
        {
            await table.UpdateCheckedAsync(job, job.ETag, TableUpdateMode.Replace, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            return; // Moved on meanwhile.
        }
        await DataKeyResealJob.ForgetOutboxAsync(table, work.TenantId, cancellationToken);
        LogFailed(logger, work.TenantId, work.JobId, work.Page);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Re-seal {TenantId} {JobId} failed at page {Page} (poisoned)")]
    private static partial void LogFailed(ILogger logger, string tenantId, string jobId, int page);
}
