using BankFunctions.Features.Http;
using BankFunctions.Features.Runtime;
using BankFunctions.Features.Tenants;
using BankFunctions.Storage;
using BankFunctions.Storage.Rows;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Encryption;

/// <summary>
/// GET /v1/admin/tenants/{tenantId}/data-key/reseal (operator): the tenant's newest re-seal job — state, counts per table
/// and container, and once completed the oldest data key version the pass left in place. 404 for an unknown tenant or
/// when no job was ever started; 409 when encryption is off.
/// </summary>
public sealed class GetDataKeyReseal(StorageClients storage) : IHttpHandler
{
    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var tenantId = RouteValues.Id(context, "tenantId", "Tenant");
        if (await TenantLookup.FindAsync(storage, tenantId, cancellationToken) is null)
        {
            return Problem.NotFound($"Tenant '{tenantId}'");
        }
        if (storage.Reseal is null)
        {
            return Problem.InvalidState("Encryption at rest is off on this host (Encryption__Kek=none): there is no re-seal.");
        }
        var job = await DataKeyResealJob.FindAsync(storage.Table(TableNames.TenantData), tenantId, cancellationToken);
        return job is not null
            ? Results.Json(DataKeyResealJob.View(job), ApiJson.Options)
            : Problem.NotFound($"A data key re-seal of tenant '{tenantId}'");
    }
}
