using System.Net;
using Microsoft.AspNetCore.WebUtilities;
using Xunit;

namespace DevIdentity.Tests;

/// <summary>OpenID Connect RP-Initiated Logout 1.0: back to a registered post-logout URI only.</summary>
public sealed class LogoutTests(ProviderFixture provider) : IClassFixture<ProviderFixture>
{
    [Fact]
    public async Task Logout_with_an_id_token_hint_returns_to_the_registered_uri_with_state()
    {
        var idToken = await IdTokenAsync();
        using var response = await provider.Client.GetAsync(QueryHelpers.AddQueryString("logout", new Dictionary<string, string?>
        {
            ["id_token_hint"] = idToken, ["post_logout_redirect_uri"] = ProviderFixture.ConsoleSignedOut, ["state"] = "bye",
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(ProviderFixture.ConsoleSignedOut + "?state=bye", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Logout_with_a_client_id_returns_to_the_registered_uri()
    {
        using var response = await provider.Client.GetAsync(QueryHelpers.AddQueryString("logout", new Dictionary<string, string?>
        {
            ["client_id"] = ProviderFixture.ConsoleClient, ["post_logout_redirect_uri"] = ProviderFixture.ConsoleSignedOut,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(ProviderFixture.ConsoleSignedOut, response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Logout_to_an_unregistered_uri_or_with_a_forged_hint_shows_a_page_instead()
    {
        var idToken = await IdTokenAsync();
        var forged = idToken[..^4] + (idToken[^4..] == "AAAA" ? "BBBB" : "AAAA");
        foreach (var query in new[]
        {
            new Dictionary<string, string?> { ["client_id"] = ProviderFixture.ConsoleClient, ["post_logout_redirect_uri"] = "http://127.0.0.1:1/evil" },
            new Dictionary<string, string?> { ["id_token_hint"] = forged, ["post_logout_redirect_uri"] = ProviderFixture.ConsoleSignedOut },
            new Dictionary<string, string?> { ["client_id"] = ProviderFixture.PublicClient, ["id_token_hint"] = idToken, ["post_logout_redirect_uri"] = ProviderFixture.ConsoleSignedOut },
            new Dictionary<string, string?> { ["post_logout_redirect_uri"] = ProviderFixture.ConsoleSignedOut },
        })
        {
            using var response = await provider.Client.GetAsync(QueryHelpers.AddQueryString("logout", query));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.False(ProviderFixture.Redirects(response));
            Assert.Contains("role=\"alert\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Logout_without_a_return_address_shows_the_signed_out_page()
    {
        using var response = await provider.Client.GetAsync("logout");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<h1>You are signed out</h1>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<string> IdTokenAsync()
    {
        var flow = provider.Flow();
        var code = await flow.CodeAsync(flow.Request());
        using var tokens = await flow.ExchangeAsync(code);
        return (await OidcFlow.JsonAsync(tokens)).GetProperty("id_token").GetString()!;
    }
}
