using BankFunctions.Features.Http;
using BankFunctions.Features.Tenants;
using BankFunctions.Storage;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Payments;

/// <summary>
/// The tenant a needs_attention route acts in: a tenant admin's own, or — on the operator's twin under
/// /v1/admin/tenants/{tenantId} — the route's, once it exists (an unknown tenant is a 404 like an unknown payment).
/// </summary>
public static class AttentionRoute
{
    public static async Task<string> TenantAsync(HttpContext context, StorageClients storage, CancellationToken cancellationToken)
    {
        var caller = context.Caller();
        if (!caller.IsOperator)
        {
            return caller.RequireTenant();
        }
        var tenantId = RouteValues.Id(context, "tenantId", "Tenant");
        if (await TenantLookup.FindAsync(storage, tenantId, cancellationToken) is null)
        {
            throw new ProblemException(Problem.NotFound($"Tenant '{tenantId}'"));
        }
        return tenantId;
    }
}
