using System.Net;
using Xunit;

namespace DevIdentity.Tests;

/// <summary>A code lives 60 s (RFC 6749 §4.1.2 recommends at most 10 minutes); the provider's clock is moved, not waited for.</summary>
public sealed class CodeExpiryTests(ProviderFixture provider) : IClassFixture<ProviderFixture>
{
    [Fact]
    public async Task Code_redeemed_within_its_lifetime_works()
    {
        var flow = provider.Flow();
        var code = await flow.CodeAsync(flow.Request());
        provider.Time.Advance(TimeSpan.FromSeconds(59));
        using var response = await flow.ExchangeAsync(code);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Expired_code_is_invalid_grant()
    {
        var flow = provider.Flow();
        var code = await flow.CodeAsync(flow.Request());
        provider.Time.Advance(TimeSpan.FromSeconds(60));
        using var response = await flow.ExchangeAsync(code);
        await OidcFlow.AssertTokenErrorAsync(response, "invalid_grant");
    }
}
