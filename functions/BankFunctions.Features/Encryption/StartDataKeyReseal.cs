using Azure;
using Azure.Data.Tables;
using BankFunctions.Domain.Ids;
using BankFunctions.Features.Http;
using BankFunctions.Features.Outbox;
using BankFunctions.Features.Runtime;
using BankFunctions.Features.Tenants;
using BankFunctions.Storage;
using BankFunctions.Storage.Guard;
using BankFunctions.Storage.Queues;
using BankFunctions.Storage.Rows;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Encryption;

/// <summary>
/// POST /v1/admin/tenants/{tenantId}/data-key/reseal (operator), after rotating a data key that may be exposed: starts a
/// pass over the tenant's rows and blobs that seals every value still under an older version under the newest one
/// (docs/ENCRYPTION.md "Rotation"), one page per datakey-reseal message (<see cref="ResealDataKeyPage"/>). 202 with the
/// job (Location: its GET). The job row, the first page's outbox row and the audit row commit together; while a job
/// runs, a POST answers that job and starts no second one. 404 for an unknown tenant; 409 when encryption is off.
/// </summary>
public sealed class StartDataKeyReseal(StorageClients storage, IQueueSender queue, AuditRows audit, TimeProvider clock) : IHttpHandler
{
    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var tenantId = RouteValues.Id(context, "tenantId", "Tenant");
        if (await TenantLookup.FindAsync(storage, tenantId, cancellationToken) is null)
        {
            return Problem.NotFound($"Tenant '{tenantId}'");
        }
        if (storage.KeyRing is not { } ring || storage.Reseal is null)
        {
            return Problem.InvalidState("Encryption at rest is off on this host (Encryption__Kek=none): there is nothing sealed to re-seal.");
        }
        var table = storage.Table(TableNames.TenantData);
        var existing = await DataKeyResealJob.FindAsync(table, tenantId, cancellationToken);
        if (existing is { State: DataKeyResealJob.Running })
        {
            return Accepted(context, existing);
        }
        var target = await ring.CurrentVersionAsync(tenantId, int.MaxValue, cancellationToken);
        var now = clock.GetUtcNow();
        var caller = context.Caller();
        var job = DataKeyResealJob.New(tenantId, TimeOrderedId.New("rsl_", now), target, caller.Actor, now);
        try
        {
            await table.SubmitCheckedAsync([
                existing is not null
                    ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, job, existing.ETag)
                    : new TableTransactionAction(TableTransactionActionType.Add, job),
                new(TableTransactionActionType.UpsertReplace, DataKeyResealJob.Outbox(job, now)),
                new(TableTransactionActionType.Add, audit.Row(tenantId, caller, "data-key.reseal-started", job.JobId, null,
                    new { jobId = job.JobId, targetVersion = target }, now)),
            ], cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // Another POST started a job first: answer that one.
            return Accepted(context, (await DataKeyResealJob.FindAsync(table, tenantId, cancellationToken))!);
        }
        await queue.TrySendAsync(QueueNames.DataKeyReseal, DataKeyResealJob.NextMessage(job).ToJson(), cancellationToken);
        return Accepted(context, job);
    }

    private static IResult Accepted(HttpContext context, DataKeyResealRow job)
    {
        context.Response.Headers.Location = DataKeyResealJob.Location(job.PartitionKey);
        return Results.Json(DataKeyResealJob.View(job), ApiJson.Options, statusCode: 202);
    }
}
