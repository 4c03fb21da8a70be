using BankFunctions.Features.Http;
using BankFunctions.Features.Runtime;
using BankFunctions.Features.Tenants;
using BankFunctions.Storage;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.ApiKeys;

/// <summary>POST /v1/admin/tenants/{tenantId}/api-keys (operator): a tenant's first keys.</summary>
public sealed class CreateTenantApiKey(ApiKeyIssuer issuer, StorageClients storage) : IHttpHandler
{
    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var tenantId = RouteValues.Id(context, "tenantId", "Tenant");
        var request = await JsonBody.ReadAsync<ApiKeyRequest>(context, cancellationToken);
        var (name, roles, groups) = ApiKeyIssuer.Validate(request);
        if (await TenantLookup.FindAsync(storage, tenantId, cancellationToken) is null)
        {
            return Problem.NotFound($"Tenant '{tenantId}'");
        }
        var created = await issuer.IssueAsync(tenantId, context.Caller(), name, roles, groups, cancellationToken);
        return Results.Json(created, ApiJson.Options, statusCode: 201);
    }
}
