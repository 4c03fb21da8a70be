using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using BankFunctions.Features.Http;
using BankFunctions.Features.Runtime;
using BankFunctions.Storage;
using BankFunctions.Storage.Guard;
using BankFunctions.Storage.Rows;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Approvals;

/// <summary>
/// PUT /v1/approval-workflows (admin): replace the tenant's approval workflow (issue #15). With If-Match (the ETag of
/// GET /v1/approval-workflows) the change is refused with 412 when someone else changed the settings since; without
/// it the last write wins. The counterparty settings and the old rules beside it are kept. Audited with before → after.
/// Payments and batches already submitted keep the levels they were snapshotted with.
/// </summary>
public sealed class PutApprovalWorkflow(StorageClients storage, ApprovalRulesStore rulesStore, TimeProvider clock, AuditRows audit) : IHttpHandler
{
    /// <param name="Source">"workflow": stored by PUT /v1/approval-workflows; "rules": translated from the old approval rules.</param>
    public sealed record Response(IReadOnlyList<WorkflowLevel> Levels, string Source)
    {
        public static Response From(ApprovalSettings s) => new(s.Workflow.Levels, s.StoredWorkflow is null ? "rules" : "workflow");
    }

    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var caller = context.Caller();
        var tenantId = caller.RequireTenant();
        var workflow = (await JsonBody.ReadAsync<WorkflowInput>(context, cancellationToken)).Validate();
        var ifMatch = context.Request.Headers.IfMatch.ToString();
        var table = storage.Table(TableNames.TenantData);
        var found = await table.GetEntityIfExistsAsync<ApprovalRulesRow>(TableKeys.TenantPartition(tenantId), TableKeys.ApprovalRulesRow, cancellationToken: cancellationToken);
        var existing = found.HasValue ? found.Value : null;
        if (ifMatch.Length > 0 && ifMatch != "*" && ifMatch != existing?.ETag.ToString())
        {
            return Problem.PreconditionFailed("The approval settings changed since that ETag was read; GET /v1/approval-workflows again and re-apply the change.");
        }
        var before = await rulesStore.GetSettingsAsync(tenantId, cancellationToken, fresh: true);
        var now = clock.GetUtcNow();
        var row = existing ?? new ApprovalRulesRow { PartitionKey = TableKeys.TenantPartition(tenantId), RowKey = TableKeys.ApprovalRulesRow };
        row.WorkflowJson = JsonSerializer.Serialize(workflow, ApiJson.Options);
        row.UpdatedAt = now;
        var after = before with { StoredWorkflow = workflow };
        try
        {
            await table.SubmitCheckedAsync(
                [
                    existing is null
                        ? new TableTransactionAction(TableTransactionActionType.Add, row)
                        : new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, existing.ETag),
                    new TableTransactionAction(TableTransactionActionType.Add,
                        audit.Row(tenantId, caller, "approval-workflow.changed", "approval-workflow", Response.From(before), Response.From(after), now)),
                ],
                cancellationToken);
        }
        catch (TableTransactionFailedException e) when (e.Status is 409 or 412)
        {
            return Problem.PreconditionFailed("The approval settings were changed by another request at the same time; GET /v1/approval-workflows again and re-apply the change.");
        }
        rulesStore.Invalidate(tenantId);
        var stored = await rulesStore.GetSettingsAsync(tenantId, cancellationToken, fresh: true);
        context.Response.Headers.ETag = stored.ETag;
        return Results.Json(Response.From(stored), ApiJson.Options);
    }
}
