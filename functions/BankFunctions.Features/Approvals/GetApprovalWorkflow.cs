using BankFunctions.Features.Http;
using BankFunctions.Features.Runtime;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Approvals;

/// <summary>GET /v1/approval-workflows (viewer): the workflow payments are submitted under, with its ETag for If-Match.</summary>
public sealed class GetApprovalWorkflow(ApprovalRulesStore rulesStore) : IHttpHandler
{
    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var settings = await rulesStore.GetSettingsAsync(context.Caller().RequireTenant(), cancellationToken, fresh: true);
        if (settings.ETag is { } etag)
        {
            context.Response.Headers.ETag = etag;
        }
        return Results.Json(PutApprovalWorkflow.Response.From(settings), ApiJson.Options);
    }
}
