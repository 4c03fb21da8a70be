using System.Text.Json;

namespace DevIdentity;

/// <summary>
/// OpenID Connect Discovery 1.0 §4 (the provider's metadata) and the JWK Set it points to (RFC 7517 §5), from which
/// relying parties learn the endpoints and the key that verifies id_tokens.
/// </summary>
public static class Discovery
{
    public static void MapDiscovery(this IEndpointRouteBuilder app)
    {
        app.MapGet("/.well-known/openid-configuration", (HttpContext context, DevIdentityOptions options) =>
        {
            var issuer = Issuer.Of(context, options);
            // Discovery 1.0 §3: issuer, authorization_endpoint, jwks_uri, response_types_supported,
            // subject_types_supported and id_token_signing_alg_values_supported are REQUIRED; the rest describe
            // exactly what this provider does.
            return Results.Json(new Dictionary<string, object>
            {
                ["issuer"] = issuer,
                ["authorization_endpoint"] = issuer + "/authorize",
                ["token_endpoint"] = issuer + "/token",
                ["jwks_uri"] = issuer + "/jwks",
                // OpenID Connect RP-Initiated Logout 1.0 §2.1.
                ["end_session_endpoint"] = issuer + "/logout",
                ["response_types_supported"] = new[] { "code" },
                ["response_modes_supported"] = new[] { "query", "form_post" },
                ["grant_types_supported"] = new[] { "authorization_code" },
                ["subject_types_supported"] = new[] { "public" },
                ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
                // RFC 8414 §2 / RFC 7636: PKCE with S256 only.
                ["code_challenge_methods_supported"] = new[] { "S256" },
                ["scopes_supported"] = new[] { "openid", "profile", "email" },
                ["token_endpoint_auth_methods_supported"] = new[] { "client_secret_post", "none" },
                ["claims_supported"] = new[] { "iss", "sub", "aud", "exp", "iat", "auth_time", "nonce", "at_hash", "email", "email_verified", "name" },
                // RFC 9207 §3: the authorization response carries iss.
                ["authorization_response_iss_parameter_supported"] = true,
            });
        });

        app.MapGet("/jwks", (SigningKey key) =>
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                writer.WriteStartArray("keys");
                key.WritePublicJwk(writer);
                writer.WriteEndArray();
                writer.WriteEndObject();
            }
            // RFC 7517 §8.5.1: the media type of a JWK Set.
            return Results.Bytes(buffer.ToArray(), "application/jwk-set+json");
        });
    }
}
