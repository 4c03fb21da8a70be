using System.Net;

namespace BankFunctions.Host.Tests.Api;

public sealed class RateLimitFixture : IAsyncLifetime
{
    public HostFixture Host { get; } = new();

    public async Task InitializeAsync()
    {
        Host.Settings["RateLimit:PermitsPerSecond"] = "5";
        await Host.InitializeAsync();
    }

    public Task DisposeAsync() => Host.DisposeAsync();
}

public sealed class RateLimitTests(RateLimitFixture fixture) : IClassFixture<RateLimitFixture>
{
    [Fact]
    public async Task Tenant_over_its_rate_gets_429_with_retry_after_and_other_tenants_are_unaffected()
    {
        var a = await fixture.Host.CreateTenantAsync();
        var b = await fixture.Host.CreateTenantAsync();
        using var clientA = fixture.Host.Client(a.Key("viewer"));
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 40 && limited is null; i++)
        {
            var response = await clientA.GetAsync("v1/accounts");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                limited = response;
            }
        }
        Assert.NotNull(limited);
        Assert.True(limited!.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        await BadInputTests.AssertProblem(limited, 429, null);

        using var clientB = fixture.Host.Client(b.Key("viewer"));
        Assert.Equal(HttpStatusCode.OK, (await clientB.GetAsync("v1/accounts")).StatusCode);
    }
}
