using BankFunctions.Features.Http;
using BankFunctions.Features.Runtime;
using BankFunctions.Storage;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Encryption;

/// <summary>
/// POST /v1/admin/encryption/rewrap (operator): after a new version of the key-encryption key is made current (a new
/// Key Vault key version, or a key file's new version), every tenant's data keys are unwrapped with the version that
/// wrapped them and wrapped again with the current one (docs/ENCRYPTION.md "Rotation"). Only the TenantKeys rows change,
/// each under its ETag; no encrypted row or blob is rewritten. Running it again re-wraps what is not current yet
/// (nothing, once done). 409 when encryption at rest is off on this host.
/// </summary>
public sealed class RewrapDataKeys(StorageClients storage) : IHttpHandler
{
    public sealed record Response(int Rewrapped);

    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        if (storage.KeyRing is not { } ring)
        {
            return Problem.InvalidState("Encryption at rest is off on this host (Encryption__Kek=none): there are no data keys to re-wrap.");
        }
        return Results.Json(new Response(await ring.RewrapAsync(null, cancellationToken)), ApiJson.Options);
    }
}
