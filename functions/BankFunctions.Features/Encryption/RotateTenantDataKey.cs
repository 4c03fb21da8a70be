using BankFunctions.Features.Http;
using BankFunctions.Features.Runtime;
using BankFunctions.Features.Tenants;
using BankFunctions.Storage;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Encryption;

/// <summary>
/// POST /v1/admin/tenants/{tenantId}/data-key/rotate (operator): a new data key version for the tenant (when its key may
/// be exposed). New writes use it once each instance's key cache expires (Encryption__DataKeyCacheTime); values sealed
/// under older versions still open (the version is in every envelope) and are sealed under the newest on their next
/// write; lookup hashes stay valid (derived from version 1). 404 for an unknown tenant; 409 when encryption is off.
/// </summary>
public sealed class RotateTenantDataKey(StorageClients storage) : IHttpHandler
{
    public sealed record Response(string TenantId, int Version);

    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var tenantId = RouteValues.Id(context, "tenantId", "Tenant");
        if (await TenantLookup.FindAsync(storage, tenantId, cancellationToken) is null)
        {
            return Problem.NotFound($"Tenant '{tenantId}'");
        }
        if (storage.KeyRing is not { } ring)
        {
            return Problem.InvalidState("Encryption at rest is off on this host (Encryption__Kek=none): the tenant has no data key to rotate.");
        }
        return Results.Json(new Response(tenantId, await ring.RotateDataKeyAsync(tenantId, cancellationToken)), ApiJson.Options);
    }
}
