using BankFunctions.Features.Http;
using BankFunctions.Features.Runtime;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.ApiKeys;

/// <summary>POST /v1/api-keys (admin): a tenant issues a key for itself.</summary>
public sealed class CreateApiKey(ApiKeyIssuer issuer) : IHttpHandler
{
    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var request = await JsonBody.ReadAsync<ApiKeyRequest>(context, cancellationToken);
        var (name, roles, groups) = ApiKeyIssuer.Validate(request);
        var caller = context.Caller();
        var created = await issuer.IssueAsync(caller.RequireTenant(), caller, name, roles, groups, cancellationToken);
        return Results.Json(created, ApiJson.Options, statusCode: 201);
    }
}
