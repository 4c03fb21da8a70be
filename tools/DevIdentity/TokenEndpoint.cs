using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace DevIdentity;

/// <summary>
/// The token endpoint (OpenID Connect Core 1.0 §3.1.3): exchanges an authorization code for an id_token and an
/// access token, after client authentication (RFC 6749 §2.3.1, client_secret_post) and the PKCE check (RFC 7636 §4.6).
/// </summary>
public static class TokenEndpoint
{
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromMinutes(5);

    public static void MapToken(this IEndpointRouteBuilder app) =>
        app.MapPost("/token", async (HttpContext context, DevIdentityOptions options, CodeStore codes, SigningKey key, TimeProvider time, ILogger<CodeStore> logger) =>
        {
            // RFC 6749 §4.1.3: the request is application/x-www-form-urlencoded.
            if (!context.Request.HasFormContentType)
            {
                return Error(logger, "invalid_request", "The request must be application/x-www-form-urlencoded.");
            }
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            string? One(string name) => form.TryGetValue(name, out var values) && values.Count == 1 && !string.IsNullOrEmpty(values[0]) ? values[0] : null;
            // RFC 6749 §3.2: parameters MUST NOT be repeated.
            if (form.FirstOrDefault(pair => pair.Value.Count > 1) is { Key: { } repeated })
            {
                return Error(logger, "invalid_request", $"The parameter '{repeated}' is repeated.");
            }
            if (One("grant_type") is not { } grantType)
            {
                return Error(logger, "invalid_request", "grant_type is required.");
            }
            if (grantType != "authorization_code")
            {
                return Error(logger, "unsupported_grant_type", "Only grant_type=authorization_code is supported.");
            }

            var client = options.FindClient(One("client_id"));
            if (context.Request.Headers.Authorization.Count > 0)
            {
                // client_secret_basic is not offered (see token_endpoint_auth_methods_supported); saying so beats a
                // bare invalid_client for whoever configures the relying party. RFC 6749 §5.2: a client that tried the
                // Authorization header gets 401 with WWW-Authenticate for its scheme.
                context.Response.Headers.WWWAuthenticate = "Basic realm=\"DevIdentity\"";
                return Error(logger, "invalid_client", "Use client_secret_post: send client_id and client_secret in the form.", StatusCodes.Status401Unauthorized);
            }
            if (client is null || !SecretMatches(client, One("client_secret")))
            {
                return Error(logger, "invalid_client", "Unknown client or wrong client_secret.", StatusCodes.Status401Unauthorized);
            }

            if (One("code") is not { } code || One("redirect_uri") is not { } redirectUri)
            {
                return Error(logger, "invalid_request", "code and redirect_uri are required.");
            }
            // The code is gone after this line whatever follows: a second attempt, even after a failed one, is refused.
            var grant = codes.Redeem(code);
            if (grant is null)
            {
                return Error(logger, "invalid_grant", "The code is unknown, expired or already used.");
            }
            // RFC 6749 §4.1.3: issued to this client, and the same redirect_uri as in the authorization request.
            if (grant.ClientId != client.ClientId || grant.RedirectUri != redirectUri)
            {
                return Error(logger, "invalid_grant", "The code was issued to another client or redirect_uri.");
            }
            if (!Pkce.Verifies(One("code_verifier"), grant.CodeChallenge))
            {
                return Error(logger, "invalid_grant", "The code_verifier does not match the code_challenge.");
            }

            var now = time.GetUtcNow();
            var accessToken = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
            var idToken = IdToken(key, Issuer.Of(context, options), client.ClientId, grant, accessToken, now);
            context.Response.Headers.CacheControl = "no-store";
            context.Response.Headers.Pragma = "no-cache";
            // OpenID Connect Core 1.0 §3.1.3.3 / RFC 6749 §5.1.
            return Results.Json(new Dictionary<string, object>
            {
                ["access_token"] = accessToken,
                ["token_type"] = "Bearer",
                ["expires_in"] = (int)TokenLifetime.TotalSeconds,
                ["id_token"] = idToken,
                ["scope"] = grant.Scope,
            });
        });

    /// <summary>OpenID Connect Core 1.0 §2 (ID Token) and §5.1 (standard claims of the profile and email scopes).</summary>
    private static string IdToken(SigningKey key, string issuer, string clientId, AuthorizationGrant grant, string accessToken, DateTimeOffset now) =>
        Jwt.Sign(key, claims =>
        {
            claims.WriteString("iss", issuer);
            claims.WriteString("sub", grant.User.SubjectId);
            claims.WriteString("aud", clientId);
            claims.WriteNumber("exp", (now + TokenLifetime).ToUnixTimeSeconds());
            claims.WriteNumber("iat", now.ToUnixTimeSeconds());
            claims.WriteNumber("auth_time", grant.AuthTime.ToUnixTimeSeconds());
            if (grant.Nonce is not null)
            {
                // §3.1.3.7 step 11: the nonce of the authentication request, unchanged.
                claims.WriteString("nonce", grant.Nonce);
            }
            // §3.1.3.8: at_hash, the left half of SHA-256 over the access token, binds the two tokens.
            claims.WriteString("at_hash", Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(accessToken)).AsSpan(0, 16)));
            claims.WriteString("email", grant.User.Email);
            claims.WriteBoolean("email_verified", true);
            claims.WriteString("name", string.IsNullOrEmpty(grant.User.Name) ? grant.User.Email : grant.User.Name);
        });

    /// <summary>
    /// RFC 6749 §2.3.1: a confidential client must send its secret, compared in constant time (hashes first, so the
    /// lengths do not show); a public client must not send one.
    /// </summary>
    private static bool SecretMatches(DevClient client, string? given)
    {
        if (string.IsNullOrEmpty(client.ClientSecret))
        {
            return given is null;
        }
        return given is not null && CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(client.ClientSecret)), SHA256.HashData(Encoding.UTF8.GetBytes(given)));
    }

    /// <summary>RFC 6749 §5.2: error and error_description as JSON, 400 unless the client failed to authenticate.</summary>
    private static IResult Error(ILogger logger, string error, string description, int status = StatusCodes.Status400BadRequest)
    {
        Log.TokenRefused(logger, error, description);
        return new NoStore(Results.Json(new Dictionary<string, string> { ["error"] = error, ["error_description"] = description }, statusCode: status));
    }

    private sealed class NoStore(IResult inner) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.CacheControl = "no-store";
            httpContext.Response.Headers.Pragma = "no-cache";
            return inner.ExecuteAsync(httpContext);
        }
    }
}
