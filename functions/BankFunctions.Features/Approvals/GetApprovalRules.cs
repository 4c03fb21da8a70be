using BankFunctions.Features.Http;
using BankFunctions.Features.Runtime;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Approvals;

/// <summary>
/// GET /v1/approval-rules (viewer). An empty list means the default: one approval for everything. A workflow stored
/// by PUT /v1/approval-workflows is shown in this shape when the old format can say it; otherwise 409 pointing there.
/// </summary>
public sealed class GetApprovalRules(ApprovalRulesStore rulesStore) : IHttpHandler
{
    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var settings = await rulesStore.GetSettingsAsync(context.Caller().RequireTenant(), cancellationToken, fresh: true);
        if (settings.ExpressibleRules is null)
        {
            return Problem.InvalidState("The tenant's approval workflow says more than approval rules can (groups, several levels or other conditions); GET /v1/approval-workflows shows it.");
        }
        return Results.Json(PutApprovalRules.Response.From(settings), ApiJson.Options);
    }
}
