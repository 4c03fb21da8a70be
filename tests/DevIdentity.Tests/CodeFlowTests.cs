using System.Net;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Xunit;

namespace DevIdentity.Tests;

/// <summary>The happy path of OpenID Connect Core 1.0 §3.1 over real HTTP, checked with an independent JWT library.</summary>
public sealed class CodeFlowTests(ProviderFixture provider) : IClassFixture<ProviderFixture>
{
    [Fact]
    public async Task Discovery_document_names_the_endpoints_and_what_the_provider_supports()
    {
        using var response = await provider.Client.GetAsync(".well-known/openid-configuration");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var metadata = await OidcFlow.JsonAsync(response);
        var issuer = provider.Issuer;
        Assert.Equal(issuer, metadata.GetProperty("issuer").GetString());
        Assert.Equal(issuer + "/authorize", metadata.GetProperty("authorization_endpoint").GetString());
        Assert.Equal(issuer + "/token", metadata.GetProperty("token_endpoint").GetString());
        Assert.Equal(issuer + "/jwks", metadata.GetProperty("jwks_uri").GetString());
        Assert.Equal(issuer + "/logout", metadata.GetProperty("end_session_endpoint").GetString());
        Assert.Equal(["code"], Strings(metadata, "response_types_supported"));
        Assert.Equal(["public"], Strings(metadata, "subject_types_supported"));
        Assert.Equal(["RS256"], Strings(metadata, "id_token_signing_alg_values_supported"));
        Assert.Equal(["S256"], Strings(metadata, "code_challenge_methods_supported"));
        Assert.Equal(["openid", "profile", "email"], Strings(metadata, "scopes_supported"));
        Assert.Equal(["client_secret_post", "none"], Strings(metadata, "token_endpoint_auth_methods_supported"));
        Assert.Subset(Strings(metadata, "claims_supported").ToHashSet(), new HashSet<string> { "sub", "email", "email_verified", "name", "nonce" });
    }

    [Fact]
    public async Task Code_flow_with_pkce_yields_an_id_token_that_verifies_against_the_published_key()
    {
        var flow = provider.Flow();
        using var page = await flow.AuthorizeAsync(flow.Request());
        using var redirect = await flow.SignInAsync(page, ProviderFixture.SamEmail, ProviderFixture.SamPassword);

        Assert.Equal(HttpStatusCode.Found, redirect.StatusCode);
        var location = redirect.Headers.Location!;
        Assert.StartsWith(ProviderFixture.ConsoleCallback + "?", location.OriginalString, StringComparison.Ordinal);
        var query = OidcFlow.QueryOf(location);
        Assert.Equal(flow.State, query["state"]);
        Assert.Equal(provider.Issuer, query["iss"]);
        Assert.Equal(43, query["code"].Length);

        using var tokenResponse = await flow.ExchangeAsync(query["code"]);
        Assert.Equal(HttpStatusCode.OK, tokenResponse.StatusCode);
        Assert.True(tokenResponse.Headers.CacheControl?.NoStore);
        var tokens = await OidcFlow.JsonAsync(tokenResponse);
        Assert.Equal("Bearer", tokens.GetProperty("token_type").GetString());
        Assert.Equal(300, tokens.GetProperty("expires_in").GetInt32());
        Assert.False(string.IsNullOrEmpty(tokens.GetProperty("access_token").GetString()));

        var idToken = tokens.GetProperty("id_token").GetString()!;
        var result = await ValidateAsync(idToken, ProviderFixture.ConsoleClient);
        Assert.True(result.IsValid, result.Exception?.ToString());
        var jwt = (JsonWebToken)result.SecurityToken;
        Assert.Equal("RS256", jwt.Alg);
        Assert.Equal(provider.Issuer, jwt.Issuer);
        Assert.Equal([ProviderFixture.ConsoleClient], jwt.Audiences);
        Assert.Equal(flow.Nonce, jwt.GetClaim("nonce").Value);
        Assert.Equal(ProviderFixture.SamEmail, jwt.GetClaim("email").Value);
        Assert.Equal("true", jwt.GetClaim("email_verified").Value);
        Assert.Equal("Sam Submitter", jwt.GetClaim("name").Value);
        Assert.False(string.IsNullOrEmpty(jwt.Subject));
        Assert.Equal(TimeSpan.FromMinutes(5), jwt.ValidTo - jwt.IssuedAt);
        Assert.Equal(provider.Time.GetUtcNow().ToUnixTimeSeconds(), long.Parse(jwt.GetClaim("auth_time").Value, System.Globalization.CultureInfo.InvariantCulture));
        // OpenID Connect Core 1.0 §3.1.3.8: at_hash binds the access token to the id_token.
        var accessToken = tokens.GetProperty("access_token").GetString()!;
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(accessToken));
        Assert.Equal(Base64UrlEncoder.Encode(hash[..16]), jwt.GetClaim("at_hash").Value);
    }

    [Fact]
    public async Task Subject_is_the_configured_one_or_stays_the_same_for_the_same_email()
    {
        var first = await SignedInSubjectAsync(ProviderFixture.SamEmail, ProviderFixture.SamPassword);
        var second = await SignedInSubjectAsync(ProviderFixture.SamEmail.ToUpperInvariant(), ProviderFixture.SamPassword);
        Assert.Equal(first, second);
        Assert.Equal(ProviderFixture.AlexSubject, await SignedInSubjectAsync(ProviderFixture.AlexEmail, ProviderFixture.AlexPassword));
    }

    [Fact]
    public async Task Public_client_authenticates_with_pkce_alone_and_may_not_send_a_secret()
    {
        var flow = provider.Flow();
        var code = await flow.CodeAsync(flow.Request(ProviderFixture.PublicClient, ProviderFixture.PublicCallback));
        using var withSecret = await flow.ExchangeAsync(code, clientId: ProviderFixture.PublicClient, secret: "made-up", redirectUri: ProviderFixture.PublicCallback);
        await OidcFlow.AssertTokenErrorAsync(withSecret, "invalid_client", HttpStatusCode.Unauthorized);

        using var tokens = await flow.ExchangeAsync(code, clientId: ProviderFixture.PublicClient, secret: null, redirectUri: ProviderFixture.PublicCallback);
        Assert.Equal(HttpStatusCode.OK, tokens.StatusCode);
        var result = await ValidateAsync((await OidcFlow.JsonAsync(tokens)).GetProperty("id_token").GetString()!, ProviderFixture.PublicClient);
        Assert.True(result.IsValid, result.Exception?.ToString());
    }

    [Fact]
    public async Task Registered_redirect_uri_with_a_query_keeps_it_and_gains_the_code()
    {
        var flow = provider.Flow();
        using var page = await flow.AuthorizeAsync(flow.Request(redirectUri: ProviderFixture.ConsoleCallbackWithQuery));
        using var redirect = await flow.SignInAsync(page, ProviderFixture.SamEmail, ProviderFixture.SamPassword);
        var query = OidcFlow.QueryOf(redirect.Headers.Location!);
        Assert.Equal("acme", query["tenant"]);
        using var tokens = await flow.ExchangeAsync(query["code"], redirectUri: ProviderFixture.ConsoleCallbackWithQuery);
        Assert.Equal(HttpStatusCode.OK, tokens.StatusCode);
    }

    /// <summary>OAuth 2.0 Form Post Response Mode: the code arrives in a form the browser posts to the redirect URI.</summary>
    [Fact]
    public async Task Form_post_response_mode_answers_with_a_self_posting_form_allowed_by_the_csp()
    {
        var flow = provider.Flow();
        var request = flow.Request();
        request["response_mode"] = "form_post";
        using var page = await flow.AuthorizeAsync(request);
        using var answer = await flow.SignInAsync(page, ProviderFixture.SamEmail, ProviderFixture.SamPassword);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var html = await answer.Content.ReadAsStringAsync();
        Assert.Contains($"<form method=\"post\" action=\"{ProviderFixture.ConsoleCallback}\">", html, StringComparison.Ordinal);
        var fields = OidcFlow.HiddenFields(html);
        Assert.Equal(flow.State, fields["state"]);
        Assert.Equal(provider.Issuer, fields["iss"]);
        var csp = string.Join(' ', answer.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'sha256-", csp, StringComparison.Ordinal);
        Assert.Contains("form-action http://127.0.0.1:1", csp, StringComparison.Ordinal);

        using var tokens = await flow.ExchangeAsync(fields["code"]);
        Assert.Equal(HttpStatusCode.OK, tokens.StatusCode);
    }

    private async Task<string> SignedInSubjectAsync(string email, string password)
    {
        var flow = provider.Flow();
        var code = await flow.CodeAsync(flow.Request(), email, password);
        using var tokens = await flow.ExchangeAsync(code);
        var result = await ValidateAsync((await OidcFlow.JsonAsync(tokens)).GetProperty("id_token").GetString()!, ProviderFixture.ConsoleClient);
        Assert.True(result.IsValid, result.Exception?.ToString());
        return ((JsonWebToken)result.SecurityToken).Subject;
    }

    /// <summary>Validates an id_token the way a relying party does: key from /jwks by kid, issuer, audience, lifetime.</summary>
    private async Task<TokenValidationResult> ValidateAsync(string idToken, string audience)
    {
        var jwks = new JsonWebKeySet(await provider.Client.GetStringAsync("jwks"));
        var key = Assert.Single(jwks.Keys);
        Assert.Equal("RSA", key.Kty);
        Assert.Equal("sig", key.Use);
        Assert.Equal("RS256", key.Alg);
        Assert.Equal(key.Kid, new JsonWebToken(idToken).Kid);
        return await new JsonWebTokenHandler().ValidateTokenAsync(idToken, new TokenValidationParameters
        {
            ValidIssuer = provider.Issuer,
            ValidAudience = audience,
            IssuerSigningKeys = jwks.Keys,
            ValidAlgorithms = ["RS256"],
            RequireSignedTokens = true,
            RequireExpirationTime = true,
        });
    }

    private static string[] Strings(JsonElement metadata, string name) =>
        metadata.GetProperty(name).EnumerateArray().Select(e => e.GetString()!).ToArray();
}
