using BankFunctions.Features.Http;
using BankFunctions.Features.Runtime;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Approvals;

/// <summary>GET /v1/approval-rules (viewer). An empty list means the default: one approval for everything.</summary>
public sealed class GetApprovalRules(ApprovalRulesStore rulesStore) : IHttpHandler
{
    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var settings = await rulesStore.GetSettingsAsync(context.Caller().RequireTenant(), cancellationToken, fresh: true);
        return Results.Json(PutApprovalRules.Response.From(settings), ApiJson.Options);
    }
}
