using BankFunctions.Features.SignIn;

namespace BankFunctions.Host.Tests.People;

/// <summary>Which identity providers a host accepts, and what it sends to the token endpoint (pure).</summary>
public sealed class OidcSettingsTests
{
    private static OidcOptions Options(string authority) => new() { Authority = authority, ClientId = "console" };

    [Theory]
    [InlineData("https://login.microsoftonline.com/contoso/v2.0", "Production", false)]
    [InlineData("http://127.0.0.1:7090", "Development", true)]
    [InlineData("http://localhost:7090", "Test", true)]
    [InlineData("http://[::1]:7090", "Development", true)]
    public void Accepted_authorities(string authority, string environment, bool insecure) =>
        Assert.Equal(insecure, OidcAuthority.Check(Options(authority), environment));

    [Theory]
    [InlineData("http://127.0.0.1:7090", "Production")] // the development provider can never be used in production
    [InlineData("http://127.0.0.1:7090", "production")]
    [InlineData("http://idp.example.com", "Development")] // plain http off this machine: never
    [InlineData("ftp://idp.example.com", "Development")]
    [InlineData("not a url", "Development")]
    public void Refused_authorities(string authority, string environment) =>
        Assert.Throws<InvalidOperationException>(() => OidcAuthority.Check(Options(authority), environment));

    [Fact]
    public void A_client_id_is_required() =>
        Assert.Throws<InvalidOperationException>(() => OidcAuthority.Check(new OidcOptions { Authority = "https://idp.example.com" }, "Production"));

    [Fact]
    public void The_token_request_carries_pkce_and_the_configured_client_credential()
    {
        var secret = TokenRequest.Form(new OidcOptions { ClientId = "c", ClientSecret = "s" }, "code", "verifier", "https://x/auth/callback", null);
        Assert.Equal("authorization_code", secret["grant_type"]);
        Assert.Equal("verifier", secret["code_verifier"]);
        Assert.Equal("s", secret["client_secret"]);
        Assert.False(secret.ContainsKey("client_assertion"));

        var publicClient = TokenRequest.Form(new OidcOptions { ClientId = "c" }, "code", "verifier", "https://x/auth/callback", null);
        Assert.False(publicClient.ContainsKey("client_secret"));

        var managed = TokenRequest.Form(new OidcOptions { ClientId = "c", ClientSecret = "ignored", ClientCredential = OidcClientCredential.ManagedIdentity },
            "code", "verifier", "https://x/auth/callback", "mi-token");
        Assert.Equal(TokenRequest.AssertionType, managed["client_assertion_type"]);
        Assert.Equal("mi-token", managed["client_assertion"]);
        Assert.False(managed.ContainsKey("client_secret"));
    }

    [Fact]
    public void The_pkce_challenge_is_rfc_7636s_example() =>
        // RFC 7636 Appendix B.
        Assert.Equal("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", SessionTokens.Challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"));

    [Theory]
    [InlineData("/console/#/approvals", "/console/#/approvals")]
    [InlineData("https://evil.example/", "/console/")]
    [InlineData("//evil.example/console", "/console/")]
    [InlineData("/console//evil.example", "/console/")]
    [InlineData("/console/\\evil", "/console/")]
    [InlineData("/v1/accounts", "/console/")]
    [InlineData(null, "/console/")]
    public void Return_urls_are_console_paths_only(string? asked, string expected) => Assert.Equal(expected, SignInStart.SafeReturnUrl(asked));
}
