using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace BankFunctions.Features.SignIn;

/// <summary>
/// The relying party's side of the authorization code flow with PKCE (OpenID Connect Core 1.0 §3.1, RFC 7636): the
/// authorization request, the code redemption at the token endpoint, and the id_token's validation (signature against
/// the provider's published keys, issuer, audience, lifetime, nonce). Discovery and keys are cached and refreshed by
/// <see cref="ConfigurationManager{T}"/>; an unknown signing key triggers one refresh (the provider rotated its keys).
/// </summary>
public sealed class OidcProvider
{
    private readonly OidcOptions _options;
    private readonly IHttpClientFactory _http;
    private readonly ConfigurationManager<OpenIdConnectConfiguration> _configuration;
    // DefaultAzureCredential picks the user-assigned managed identity from AZURE_CLIENT_ID in Azure (as storage does).
    private readonly Lazy<Azure.Core.TokenCredential> _credential = new(() => new Azure.Identity.DefaultAzureCredential());

    public OidcProvider(OidcOptions options, IHttpClientFactory http, IHostEnvironment environment)
    {
        _options = options;
        _http = http;
        var insecure = OidcAuthority.Check(options, environment.EnvironmentName);
        _configuration = new ConfigurationManager<OpenIdConnectConfiguration>(
            options.Authority.TrimEnd('/') + "/.well-known/openid-configuration",
            new OpenIdConnectConfigurationRetriever(),
            new HttpDocumentRetriever(http.CreateClient(nameof(OidcProvider))) { RequireHttps = !insecure });
    }

    /// <summary>
    /// Where the browser goes to sign in (§3.1.2.1), with state, nonce and the S256 code challenge. Throws
    /// <see cref="SignInFailedException"/> (provider) when the provider's metadata cannot be read.
    /// </summary>
    public async Task<string> AuthorizationUrlAsync(string redirectUri, string state, string nonce, string codeChallenge, CancellationToken cancellationToken)
    {
        var configuration = await ConfigurationAsync(cancellationToken);
        var query = new Dictionary<string, string>
        {
            ["response_type"] = "code",
            ["client_id"] = _options.ClientId,
            ["redirect_uri"] = redirectUri,
            ["scope"] = _options.Scopes,
            ["state"] = state,
            ["nonce"] = nonce,
            ["code_challenge"] = codeChallenge,
            ["code_challenge_method"] = "S256",
        };
        var separator = configuration.AuthorizationEndpoint.Contains('?', StringComparison.Ordinal) ? "&" : "?";
        return configuration.AuthorizationEndpoint + separator + string.Join('&', query.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"));
    }

    /// <summary>Redeems the code (§3.1.3) and validates the id_token it returns (§3.1.3.7); throws <see cref="SignInFailedException"/>.</summary>
    public async Task<SignInIdentity> RedeemAsync(string code, string codeVerifier, string redirectUri, string nonce, CancellationToken cancellationToken)
    {
        var configuration = await ConfigurationAsync(cancellationToken);
        string idToken;
        try
        {
            idToken = await RequestIdTokenAsync(configuration, code, codeVerifier, redirectUri, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or JsonException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new SignInFailedException("provider", $"The token endpoint could not be used: {e.GetType().Name}.");
        }
        var result = await ValidateAsync(idToken, configuration);
        if (result.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            _configuration.RequestRefresh();
            result = await ValidateAsync(idToken, await _configuration.GetConfigurationAsync(cancellationToken));
        }
        if (!result.IsValid)
        {
            throw new SignInFailedException("provider", "The identity provider's id_token did not validate: " + result.Exception?.GetType().Name);
        }
        var claims = result.Claims;
        if (!claims.TryGetValue("nonce", out var tokenNonce) || tokenNonce as string != nonce)
        {
            throw new SignInFailedException("provider", "The id_token's nonce is not the one this sign-in sent (a replayed token).");
        }
        var subject = claims.TryGetValue("sub", out var sub) ? sub as string : null;
        if (string.IsNullOrEmpty(subject))
        {
            throw new SignInFailedException("provider", "The id_token has no subject.");
        }
        return new SignInIdentity(result.Issuer ?? configuration.Issuer, subject, Text(claims, _options.EmailClaim), True(claims, "email_verified"), Text(claims, "name"));
    }

    /// <summary>The provider's metadata and keys (cached); an unreachable or broken provider is a sign-in failure, not an error of ours.</summary>
    private async Task<OpenIdConnectConfiguration> ConfigurationAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _configuration.GetConfigurationAsync(cancellationToken);
        }
        catch (InvalidOperationException e)
        {
            // ConfigurationManager wraps every failure to fetch or read the metadata (IDX20803).
            throw new SignInFailedException("provider", $"The identity provider's metadata could not be read: {e.InnerException?.GetType().Name ?? e.GetType().Name}.");
        }
    }

    private Task<TokenValidationResult> ValidateAsync(string idToken, OpenIdConnectConfiguration configuration) =>
        new JsonWebTokenHandler().ValidateTokenAsync(idToken, new TokenValidationParameters
        {
            ValidIssuer = configuration.Issuer,
            ValidAudience = _options.ClientId,
            IssuerSigningKeys = configuration.SigningKeys,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ClockSkew = TimeSpan.FromMinutes(2),
        });

    private async Task<string> RequestIdTokenAsync(OpenIdConnectConfiguration configuration, string code, string codeVerifier, string redirectUri, CancellationToken cancellationToken)
    {
        var assertion = _options.ClientCredential == OidcClientCredential.ManagedIdentity
            ? (await _credential.Value.GetTokenAsync(new Azure.Core.TokenRequestContext([_options.AssertionAudience.TrimEnd('/') + "/.default"]), cancellationToken)).Token
            : null;
        var form = TokenRequest.Form(_options, code, codeVerifier, redirectUri, assertion);
        using var client = _http.CreateClient(nameof(OidcProvider));
        client.Timeout = TimeSpan.FromSeconds(15);
        using var response = await client.PostAsync(configuration.TokenEndpoint, new FormUrlEncodedContent(form), cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            // RFC 6749 §5.2: the error code is safe to name; the description is the provider's text, kept out of responses.
            throw new SignInFailedException("provider", $"The token endpoint answered {(int)response.StatusCode} ({ErrorCode(body)}).");
        }
        using var document = JsonDocument.Parse(body);
        return document.RootElement.TryGetProperty("id_token", out var token) && token.GetString() is { Length: > 0 } idToken
            ? idToken
            : throw new SignInFailedException("provider", "The token endpoint returned no id_token.");
    }

    private static string ErrorCode(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.TryGetProperty("error", out var error) ? error.GetString() ?? "no error code" : "no error code";
        }
        catch (JsonException)
        {
            return "not JSON";
        }
    }

    private static string? Text(IDictionary<string, object> claims, string name) => claims.TryGetValue(name, out var value) ? value as string : null;

    private static bool True(IDictionary<string, object> claims, string name) => claims.TryGetValue(name, out var value) && value switch
    {
        bool b => b,
        string s => bool.TryParse(s, out var parsed) && parsed,
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) == "True",
    };
}
