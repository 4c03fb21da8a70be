using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace DevIdentity;

/// <summary>What an authorization code stands for: the request it answered and the user who signed in.</summary>
public sealed record AuthorizationGrant(
    string ClientId, string RedirectUri, string CodeChallenge, string? Nonce, string Scope, DevUser User, DateTimeOffset AuthTime, DateTimeOffset ExpiresAt);

/// <summary>
/// Issued authorization codes, in memory. RFC 6749 §4.1.2: a code is short-lived (60 s here) and used once — redeeming
/// removes it atomically, so two concurrent token requests with one code cannot both succeed.
/// </summary>
public sealed class CodeStore(TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    private readonly ConcurrentDictionary<string, AuthorizationGrant> _codes = new(StringComparer.Ordinal);

    public string Issue(string clientId, string redirectUri, string codeChallenge, string? nonce, string scope, DevUser user)
    {
        var now = time.GetUtcNow();
        foreach (var stale in _codes.Where(pair => pair.Value.ExpiresAt <= now))
        {
            _codes.TryRemove(stale);
        }
        // 32 random bytes: unguessable (RFC 6749 §10.10), and base64url so it travels in a query string unescaped.
        var code = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        _codes[code] = new AuthorizationGrant(clientId, redirectUri, codeChallenge, nonce, scope, user, now, now + Lifetime);
        return code;
    }

    /// <summary>The grant of <paramref name="code"/> if it was issued, not yet redeemed and not expired; it is gone afterwards either way.</summary>
    public AuthorizationGrant? Redeem(string code) =>
        _codes.TryRemove(code, out var grant) && time.GetUtcNow() < grant.ExpiresAt ? grant : null;
}
