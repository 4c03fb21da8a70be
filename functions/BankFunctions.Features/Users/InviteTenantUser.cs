using BankFunctions.Features.Http;
using BankFunctions.Features.Runtime;
using BankFunctions.Features.Tenants;
using BankFunctions.Storage;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Users;

/// <summary>POST /v1/admin/tenants/{tenantId}/users (operator): a tenant's first people, like its first keys.</summary>
public sealed class InviteTenantUser(UserStore users, StorageClients storage) : IHttpHandler
{
    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var tenantId = RouteValues.Id(context, "tenantId", "Tenant");
        var invite = UserInput.Check(await JsonBody.ReadAsync<InviteUserRequest>(context, cancellationToken));
        if (await TenantLookup.FindAsync(storage, tenantId, cancellationToken) is null)
        {
            return Problem.NotFound($"Tenant '{tenantId}'");
        }
        var created = await users.InviteAsync(tenantId, context.Caller(), invite, cancellationToken);
        context.Response.Headers.Location = $"/v1/users/{created.Id}";
        return Results.Json(created, ApiJson.Options, statusCode: 201);
    }
}
