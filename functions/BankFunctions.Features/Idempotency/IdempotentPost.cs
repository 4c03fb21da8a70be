using BankFunctions.Features.Auth;
using BankFunctions.Features.Http;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Idempotency;

/// <summary>
/// The opening every idempotent JSON POST shares: the tenant's caller, the Idempotency-Key (required, hashed), the body
/// parsed as the route's input and the hash that tells a replay from a different request under the same key.
/// </summary>
public sealed record IdempotentPost<T>(Caller Caller, string TenantId, T Input, string KeyHash, string RequestHash) where T : class;

public static class IdempotentPost
{
    /// <param name="route">"POST v1/…": part of the request hash, so one key cannot be replayed on another route.</param>
    public static async Task<IdempotentPost<T>> ReadAsync<T>(HttpContext context, string route, CancellationToken cancellationToken) where T : class
    {
        var caller = context.Caller();
        var tenantId = caller.RequireTenant();
        var key = IdempotencyKeys.Require(context);
        var body = await JsonBody.ReadBytesAsync(context, cancellationToken);
        var input = JsonBody.Parse<T>(body);
        return new IdempotentPost<T>(caller, tenantId, input, IdempotencyKeys.Hash(key), IdempotencyKeys.RequestHash(route, body));
    }
}
