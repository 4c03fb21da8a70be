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
/// <remarks>
/// A request without a bearer key may carry a console session cookie instead (issue #15, <see cref="SessionAuthenticator"/>):
/// a person, with the same role checks; an unknown or ended session spends the address's budget like a bad key.
/// </remarks>
public sealed class RequestAuthenticator(IApiKeyReader reader, OperatorOptions operatorOptions, ApiKeyCache cache, FailedAuthLimiter limiter, RateLimitOptions rateLimits,
    SessionAuthenticator sessions)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Task<ApiKeyRow?>> _reads = new(StringComparer.Ordinal);

    public async Task<Caller?> AuthenticateAsync(HttpContext context, Access access, CancellationToken cancellationToken)
    {
        if (access is AnonymousAccess)
        {
            return null;
        }
        var address = ClientAddress.Of(context, rateLimits.ForwardedHops);
        var presented = BearerToken(context.Request);
        if (presented is null && SignIn.SessionCookies.Read(context.Request, SignIn.SessionCookies.Session) is { } sessionId)
        {
            return Authorize(access, await SessionCallerAsync(context, sessionId, address, cancellationToken));
        }
        if (presented is null)
        {
            Spend(FailedAuthLimiter.Address(address));
            throw new ProblemException(Problem.Unauthenticated("Send an API key as 'Authorization: Bearer <key>', or sign in to the console."));
        }

        if (IsOperatorKey(presented))
        {
            return access is OperatorAccess
                ? Caller.Operator
                : throw new ProblemException(Problem.Forbidden("The operator key is for /v1/admin routes only."));
        }

        var key = await FindTenantKeyAsync(presented, address, cancellationToken)
            ?? throw new ProblemException(Problem.Unauthenticated("The API key is not valid or has been revoked."));
        return Authorize(access, new Caller(false, key.TenantId, key.KeyId, Roles.Parse(key.Roles), Approvals.ApprovalGroups.Parse(key.ApprovalGroups), KeyName: key.Name));
    }

    /// <summary>The route's access rule applied to an authenticated tenant caller (a key or a person).</summary>
    private static Caller Authorize(Access access, Caller caller) => access switch
    {
        OperatorAccess => throw new ProblemException(Problem.Forbidden("This route needs the platform operator key.")),
        TenantAccess t when !caller.Roles.HasFlag(t.Role) =>
            throw new ProblemException(Problem.Forbidden($"This route needs the '{Roles.Format(t.Role)}' role.")),
        _ => caller,
    };

    /// <summary>A session cookie's person; an unknown or ended session costs the address's failed-auth budget.</summary>
    private async Task<Caller> SessionCallerAsync(HttpContext context, string sessionId, string address, CancellationToken cancellationToken)
    {
        if (await sessions.AuthenticateAsync(context, sessionId, cancellationToken) is { } caller)
        {
            return caller;
        }
        Spend(FailedAuthLimiter.Address(address));
        throw new ProblemException(Problem.Unauthenticated("The session has ended (signed out, expired or the user disabled); sign in again."));
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
        var spentAddress = false;
        var key = cached;
        if (key is null && !cache.IsKnownMissing(keyId))
        {
            key = await ReadOnceAsync(keyId, () =>
            {
                Spend(FailedAuthLimiter.Address(address));
                spentAddress = true;
            }, cancellationToken);
        }
        if (key is not null && Valid(key, secret))
        {
            if (spentAddress)
            {
                limiter.Refund(FailedAuthLimiter.Address(address));
            }
            return key;
        }
        if (!spentAddress)
        {
            Spend(FailedAuthLimiter.Address(address));
        }
        Spend(FailedAuthLimiter.Key(keyId));
        return null;
    }

    /// <summary>
    /// Reads a key the cache cannot settle, once however many requests ask for it at the same moment: only the request
    /// that reads spends the address's budget (before reading, see the class summary), the others wait for its answer.
    /// Without this, a burst of requests with one valid key (a cold cache after a start or an expiry) would each spend the
    /// budget before the first read refunded it, and the key's holder would be answered 429.
    /// </summary>
    private async Task<ApiKeyRow?> ReadOnceAsync(string keyId, Action spend, CancellationToken cancellationToken)
    {
        var mine = new TaskCompletionSource<ApiKeyRow?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = _reads.GetOrAdd(keyId, mine.Task);
        if (running != mine.Task)
        {
            return await running.WaitAsync(cancellationToken);
        }
        try
        {
            spend();
            // Not the caller's token: the answer is shared with the requests waiting for it.
            var key = await reader.FindAsync(keyId, CancellationToken.None);
            if (key is null)
            {
                cache.SetMissing(keyId);
            }
            else
            {
                cache.Set(key);
            }
            mine.SetResult(key);
            return key;
        }
        catch (Exception e)
        {
            mine.SetException(e);
            _ = mine.Task.Exception; // observed here; a waiter rethrows it
            throw;
        }
        finally
        {
            _reads.TryRemove(KeyValuePair.Create(keyId, mine.Task));
        }
    }

    private static bool Valid(ApiKeyRow key, string secret) => key.RevokedAt is null && ApiKeyFormat.HashMatches(secret, key.SecretHash);
}
