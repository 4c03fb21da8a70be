using System.Security.Cryptography;
using System.Text;
using BankFunctions.Features.Http;
using BankFunctions.Storage.Rows;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Auth;

/// <summary>
/// Resolves the bearer key of a request and checks it against a route's <see cref="Access"/>: missing or unknown
/// or revoked key → 401, known key without the role → 403 (API.md). Failed attempts are budgeted (issue #20 §3,
/// <see cref="FailedAuthLimiter"/>): the client address's budget is taken before anything the key cache cannot settle
/// is read from storage, and given back when the key proves valid, so a flood of bad keys is answered 429 with
/// Retry-After without a read each (and cannot all pass a check before the first failure counts); a presented key
/// id's budget is spent by each wrong secret for it, after which its failures are 429 too. A valid key is never
/// refused for its key id's budget, so knowing a key id does not let anyone lock its holder out.
/// </summary>
public sealed class RequestAuthenticator(IApiKeyReader reader, OperatorOptions operatorOptions, ApiKeyCache cache, FailedAuthLimiter limiter, RateLimitOptions rateLimits)
{
    public async Task<Caller?> AuthenticateAsync(HttpContext context, Access access, CancellationToken cancellationToken)
    {
        if (access is AnonymousAccess)
        {
            return null;
        }
        var address = ClientAddress.Of(context, rateLimits.ForwardedHops);
        var presented = BearerToken(context.Request);
        if (presented is null)
        {
            Spend(FailedAuthLimiter.Address(address));
            throw new ProblemException(Problem.Unauthenticated("Send an API key as 'Authorization: Bearer <key>'."));
        }

        if (IsOperatorKey(presented))
        {
            return access is OperatorAccess
                ? Caller.Operator
                : throw new ProblemException(Problem.Forbidden("The operator key is for /v1/admin routes only."));
        }

        var key = await FindTenantKeyAsync(presented, address, cancellationToken)
            ?? throw new ProblemException(Problem.Unauthenticated("The API key is not valid or has been revoked."));
        var roles = Roles.Parse(key.Roles);
        return access switch
        {
            OperatorAccess => throw new ProblemException(Problem.Forbidden("This route needs the platform operator key.")),
            TenantAccess t when !roles.HasFlag(t.Role) =>
                throw new ProblemException(Problem.Forbidden($"This route needs the '{Roles.Format(t.Role)}' role.")),
            _ => new Caller(false, key.TenantId, key.KeyId, roles, Approvals.ApprovalGroups.Parse(key.ApprovalGroups)),
        };
    }

    /// <summary>A failed attempt that cost nothing to detect: spends the budget, and once it is gone the answer is 429.</summary>
    private void Spend(string budget)
    {
        if (limiter.TryTake(budget) is { } retryAfter)
        {
            throw new ProblemException(TooManyFailures(retryAfter));
        }
    }

    private static IResult TooManyFailures(TimeSpan retryAfter) =>
        Problem.RateLimited(retryAfter, "Too many failed authentication attempts from this address or for this key; retry later with a valid key.");

    private static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        var token = header[scheme.Length..].Trim();
        return token.Length == 0 ? null : token;
    }

    private bool IsOperatorKey(string presented) =>
        operatorOptions.ApiKey.Length > 0 &&
        CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(operatorOptions.ApiKey)));

    private async Task<ApiKeyRow?> FindTenantKeyAsync(string presented, string address, CancellationToken cancellationToken)
    {
        if (!ApiKeyFormat.TryParse(presented, out var keyId, out var secret))
        {
            Spend(FailedAuthLimiter.Address(address)); // not our shape (a guessed operator key, garbage)
            return null;
        }
        if (cache.TryGet(keyId, out var cached) && Valid(cached, secret))
        {
            return cached; // the common case: proven without storage and without touching any budget
        }
        Spend(FailedAuthLimiter.Address(address));
        var key = cached;
        if (key is null && !cache.IsKnownMissing(keyId))
        {
            key = await reader.FindAsync(keyId, cancellationToken);
            if (key is null)
            {
                cache.SetMissing(keyId);
            }
            else
            {
                cache.Set(key);
            }
        }
        if (key is not null && Valid(key, secret))
        {
            limiter.Refund(FailedAuthLimiter.Address(address));
            return key;
        }
        Spend(FailedAuthLimiter.Key(keyId));
        return null;
    }

    private static bool Valid(ApiKeyRow key, string secret) => key.RevokedAt is null && ApiKeyFormat.HashMatches(secret, key.SecretHash);
}
