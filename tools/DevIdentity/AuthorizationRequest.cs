using Microsoft.Extensions.Primitives;

namespace DevIdentity;

/// <summary>A checked authorization request (OpenID Connect Core 1.0 §3.1.2.1), ready for the sign-in page.</summary>
public sealed record AuthorizationRequest(
    DevClient Client, string RedirectUri, string Scope, string? State, string? Nonce, string CodeChallenge, string ResponseMode, string? LoginHint)
{
    /// <summary>The request's parameters, for the sign-in form to carry; POST /authorize checks them all again.</summary>
    public IEnumerable<KeyValuePair<string, string>> Parameters()
    {
        yield return new("response_type", "code");
        yield return new("client_id", Client.ClientId);
        yield return new("redirect_uri", RedirectUri);
        yield return new("scope", Scope);
        yield return new("code_challenge", CodeChallenge);
        yield return new("code_challenge_method", "S256");
        yield return new("response_mode", ResponseMode);
        if (State is not null)
        {
            yield return new("state", State);
        }
        if (Nonce is not null)
        {
            yield return new("nonce", Nonce);
        }
    }
}

/// <summary>What to do with an authorization request.</summary>
public abstract record AuthorizeDecision
{
    private AuthorizeDecision() { }

    /// <summary>
    /// RFC 6749 §4.1.2.1: the client or its redirect URI cannot be trusted, so the user sees the error and is NOT
    /// redirected (otherwise /authorize would be an open redirector).
    /// </summary>
    public sealed record Refused(string Description) : AuthorizeDecision;

    /// <summary>RFC 6749 §4.1.2.1: any other error goes back to the (verified) redirect URI with error and state.</summary>
    public sealed record RedirectError(string RedirectUri, string ResponseMode, string Error, string Description, string? State) : AuthorizeDecision;

    public sealed record Valid(AuthorizationRequest Request) : AuthorizeDecision;

    public static AuthorizeDecision Decide(IEnumerable<KeyValuePair<string, StringValues>> parameters, DevIdentityOptions options)
    {
        var p = parameters.ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);
        // RFC 6749 §3.1: request parameters MUST NOT be included more than once.
        var repeated = p.Where(pair => pair.Value.Count > 1).Select(pair => pair.Key).FirstOrDefault();
        string? One(string name) => p.TryGetValue(name, out var values) && values.Count == 1 && !string.IsNullOrEmpty(values[0]) ? values[0] : null;

        if (repeated is "client_id" or "redirect_uri")
        {
            return new Refused($"The parameter '{repeated}' is repeated.");
        }
        var client = options.FindClient(One("client_id"));
        if (client is null)
        {
            return new Refused("Unknown or missing client_id.");
        }
        var redirectUri = One("redirect_uri");
        // OpenID Connect Core 1.0 §3.1.2.1: redirect_uri is REQUIRED and MUST exactly match a registered one
        // (simple string comparison, RFC 6749 §3.1.2.3 / RFC 3986 §6.2.1).
        if (redirectUri is null || !client.RedirectUris.Contains(redirectUri, StringComparer.Ordinal))
        {
            return new Refused("The redirect_uri is missing or not registered for this client.");
        }

        var state = One("state");
        // OAuth 2.0 Multiple Response Type Encoding Practices §2.1 and OAuth 2.0 Form Post Response Mode §2: the two
        // modes a code response can travel in. Anything else cannot be answered in the asked way, so it gets the default.
        var responseMode = One("response_mode") ?? "query";
        if (responseMode is not ("query" or "form_post"))
        {
            return new RedirectError(redirectUri, "query", "invalid_request", "response_mode must be query or form_post.", state);
        }
        RedirectError Fail(string error, string description) => new(redirectUri, responseMode, error, description, state);

        if (repeated is not null)
        {
            return Fail("invalid_request", $"The parameter '{repeated}' is repeated.");
        }
        if (One("response_type") is not { } responseType)
        {
            return Fail("invalid_request", "response_type is required.");
        }
        // Authorization code flow only (OpenID Connect Core 1.0 §3.1.2.1: response_type=code).
        if (responseType != "code")
        {
            return Fail("unsupported_response_type", "Only response_type=code is supported.");
        }
        var scope = One("scope");
        var scopes = scope?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
        // OpenID Connect Core 1.0 §3.1.2.1: without the openid scope this is not an OpenID Connect request.
        if (!scopes.Contains("openid", StringComparer.Ordinal))
        {
            return Fail("invalid_scope", "The openid scope is required.");
        }
        // RFC 7636 §4.3 / §4.4.1: PKCE is mandatory here and only S256 is accepted (plain offers no protection if the
        // request itself leaks). An S256 challenge is BASE64URL(SHA-256(verifier)): 43 characters.
        var challenge = One("code_challenge");
        if (challenge is null)
        {
            return Fail("invalid_request", "code_challenge is required (PKCE, RFC 7636).");
        }
        if (One("code_challenge_method") != "S256")
        {
            return Fail("invalid_request", "code_challenge_method must be S256.");
        }
        if (challenge.Length != 43 || !challenge.All(Pkce.IsBase64UrlChar))
        {
            return Fail("invalid_request", "code_challenge is not a base64url SHA-256 value.");
        }
        // OpenID Connect Core 1.0 §3.1.2.1: prompt=none asks for no user interaction; this provider keeps no session,
        // so it always needs the user (§3.1.2.6: login_required).
        if (One("prompt") is { } prompt && prompt.Split(' ').Contains("none", StringComparer.Ordinal))
        {
            return Fail("login_required", "The user must sign in.");
        }
        return new Valid(new AuthorizationRequest(client, redirectUri, string.Join(' ', scopes), state, One("nonce"), challenge, responseMode, One("login_hint")));
    }
}
