using System.Net;
using System.Text;
using Xunit;

namespace DevIdentity.Tests;

/// <summary>The token endpoint's refusals (RFC 6749 §5.2), each over real HTTP with a code from a real sign-in.</summary>
public sealed class TokenTests(ProviderFixture provider) : IClassFixture<ProviderFixture>
{
    [Fact]
    public async Task Wrong_verifier_is_invalid_grant_and_burns_the_code()
    {
        var flow = provider.Flow();
        var code = await flow.CodeAsync(flow.Request());
        using var wrong = await flow.ExchangeAsync(code, verifier: provider.Flow().Verifier);
        await OidcFlow.AssertTokenErrorAsync(wrong, "invalid_grant");
        // RFC 6749 §4.1.2: a code is used once, and a failed use counts.
        using var right = await flow.ExchangeAsync(code);
        await OidcFlow.AssertTokenErrorAsync(right, "invalid_grant");
    }

    [Theory]
    [InlineData("")]
    [InlineData("short")]
    public async Task Missing_or_malformed_verifier_is_invalid_grant(string verifier)
    {
        var flow = provider.Flow();
        var code = await flow.CodeAsync(flow.Request());
        using var response = await flow.ExchangeAsync(code, verifier: verifier);
        await OidcFlow.AssertTokenErrorAsync(response, "invalid_grant");
    }

    [Fact]
    public async Task Code_is_single_use()
    {
        var flow = provider.Flow();
        var code = await flow.CodeAsync(flow.Request());
        using var first = await flow.ExchangeAsync(code);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        using var second = await flow.ExchangeAsync(code);
        await OidcFlow.AssertTokenErrorAsync(second, "invalid_grant");
    }

    [Fact]
    public async Task Concurrent_redemptions_of_one_code_yield_one_token()
    {
        var flow = provider.Flow();
        var code = await flow.CodeAsync(flow.Request());
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => flow.ExchangeAsync(code)));
        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        foreach (var answer in answers)
        {
            answer.Dispose();
        }
    }

    [Theory]
    [InlineData("wrong-secret")]
    [InlineData("console-secret-for-tests ")]
    [InlineData(null)]
    public async Task Wrong_or_missing_client_secret_is_invalid_client_and_leaves_the_code_alone(string? secret)
    {
        var flow = provider.Flow();
        var code = await flow.CodeAsync(flow.Request());
        using var refused = await flow.ExchangeAsync(code, secret: secret);
        await OidcFlow.AssertTokenErrorAsync(refused, "invalid_client", HttpStatusCode.Unauthorized);
        // Client authentication comes first, so whoever lacks the secret cannot burn the client's code.
        using var accepted = await flow.ExchangeAsync(code);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Fact]
    public async Task Basic_client_authentication_is_refused_with_a_hint()
    {
        var flow = provider.Flow();
        var code = await flow.CodeAsync(flow.Request());
        using var request = new HttpRequestMessage(HttpMethod.Post, "token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = ProviderFixture.ConsoleCallback,
                ["code_verifier"] = flow.Verifier,
            }),
        };
        request.Headers.Authorization = new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ProviderFixture.ConsoleClient}:{ProviderFixture.ConsoleSecret}")));
        using var response = await provider.Client.SendAsync(request);
        await OidcFlow.AssertTokenErrorAsync(response, "invalid_client", HttpStatusCode.Unauthorized);
        Assert.Equal("Basic", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        Assert.Contains("client_secret_post", (await OidcFlow.JsonAsync(response)).GetProperty("error_description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Redirect_uri_must_be_the_one_of_the_authorization_request()
    {
        var flow = provider.Flow();
        var code = await flow.CodeAsync(flow.Request());
        using var response = await flow.ExchangeAsync(code, redirectUri: ProviderFixture.ConsoleCallbackWithQuery);
        await OidcFlow.AssertTokenErrorAsync(response, "invalid_grant");
    }

    [Fact]
    public async Task Code_of_one_client_cannot_be_redeemed_by_another()
    {
        var flow = provider.Flow();
        var code = await flow.CodeAsync(flow.Request());
        using var response = await flow.ExchangeAsync(code, clientId: ProviderFixture.PublicClient, secret: null, redirectUri: ProviderFixture.ConsoleCallback);
        await OidcFlow.AssertTokenErrorAsync(response, "invalid_grant");
    }

    [Fact]
    public async Task Unknown_code_is_invalid_grant()
    {
        using var response = await provider.Flow().ExchangeAsync("bm90LWEtY29kZS1pc3N1ZWQtYnktdGhpcy1wcm92aWRlcg");
        await OidcFlow.AssertTokenErrorAsync(response, "invalid_grant");
    }

    [Theory]
    [InlineData("refresh_token", "unsupported_grant_type")]
    [InlineData("password", "unsupported_grant_type")]
    [InlineData("", "invalid_request")]
    public async Task Other_grant_types_are_refused(string grantType, string error)
    {
        using var response = await provider.Client.PostAsync("token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = grantType, ["client_id"] = ProviderFixture.ConsoleClient, ["client_secret"] = ProviderFixture.ConsoleSecret,
        }));
        await OidcFlow.AssertTokenErrorAsync(response, error);
    }

    [Fact]
    public async Task Json_body_is_invalid_request()
    {
        using var response = await provider.Client.PostAsync("token", new StringContent("""{"grant_type":"authorization_code"}""", Encoding.UTF8, "application/json"));
        await OidcFlow.AssertTokenErrorAsync(response, "invalid_request");
    }
}
