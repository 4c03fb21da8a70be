using BankFunctions.Features.Auth;
using BankFunctions.Features.Http;
using Microsoft.Extensions.Time.Testing;

namespace BankFunctions.Host.Tests.Api;

/// <summary>The failed-authentication budget's decisions, on a fake clock (issue #20 §3).</summary>
public sealed class FailedAuthLimiterTests
{
    private static readonly RateLimitOptions Options = new() { FailedAuthBurst = 3, FailedAuthPerSecond = 0.5 };

    [Fact]
    public void A_budget_allows_its_burst_then_says_how_long_to_wait_and_refills_with_time()
    {
        var clock = new FakeTimeProvider();
        var limiter = new FailedAuthLimiter(Options, clock);
        var budget = FailedAuthLimiter.Address("10.0.0.1");

        Assert.Null(limiter.TryTake(budget));
        Assert.Null(limiter.TryTake(budget));
        Assert.Null(limiter.TryTake(budget));
        Assert.Equal(TimeSpan.FromSeconds(2), limiter.TryTake(budget)); // one token at 0.5/s

        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(TimeSpan.FromSeconds(1), limiter.TryTake(budget));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(limiter.TryTake(budget));
        Assert.NotNull(limiter.TryTake(budget));

        clock.Advance(TimeSpan.FromHours(1)); // refills to the burst, no further
        for (var i = 0; i < 3; i++)
        {
            Assert.Null(limiter.TryTake(budget));
        }
        Assert.NotNull(limiter.TryTake(budget));
    }

    [Fact]
    public void Budgets_are_separate_and_a_refund_gives_back_what_a_success_took()
    {
        var clock = new FakeTimeProvider();
        var limiter = new FailedAuthLimiter(Options, clock);
        var a = FailedAuthLimiter.Address("10.0.0.1");
        for (var i = 0; i < 3; i++)
        {
            Assert.Null(limiter.TryTake(a));
        }
        Assert.NotNull(limiter.TryTake(a));
        Assert.Null(limiter.TryTake(FailedAuthLimiter.Address("10.0.0.2")));
        Assert.Null(limiter.TryTake(FailedAuthLimiter.Key("k_1")));

        limiter.Refund(a);
        Assert.Null(limiter.TryTake(a));
        Assert.NotNull(limiter.TryTake(a));

        var b = FailedAuthLimiter.Address("10.0.0.3");
        for (var i = 0; i < 10; i++)
        {
            limiter.Refund(b); // never above the burst
        }
        for (var i = 0; i < 3; i++)
        {
            Assert.Null(limiter.TryTake(b));
        }
        Assert.NotNull(limiter.TryTake(b));
    }

    [Fact]
    public void Unknown_key_ids_are_remembered_briefly()
    {
        var clock = new FakeTimeProvider();
        var cache = new ApiKeyCache(clock);
        cache.SetMissing("k_guess");
        Assert.True(cache.IsKnownMissing("k_guess"));
        Assert.False(cache.IsKnownMissing("k_other"));
        clock.Advance(ApiKeyCache.MissingMaxAge);
        Assert.False(cache.IsKnownMissing("k_guess"));
    }
}

/// <summary>Which address the failed-authentication budget is kept for.</summary>
public sealed class ClientAddressTests
{
    private static readonly System.Net.IPAddress Proxy = System.Net.IPAddress.Parse("10.0.0.9");

    [Theory]
    [InlineData("", 0, "10.0.0.9")]
    [InlineData("203.0.113.7", 0, "10.0.0.9")] // not behind a proxy: the header is the client's word, ignored
    [InlineData("203.0.113.7", 1, "203.0.113.7")]
    [InlineData("198.51.100.1, 203.0.113.7", 1, "203.0.113.7")] // the client's own entry on the left is not trusted
    [InlineData("198.51.100.1, 203.0.113.7, 10.1.1.1", 2, "203.0.113.7")]
    [InlineData("203.0.113.7:52311", 1, "203.0.113.7")] // App Service writes the port
    [InlineData("[2001:db8::1]:443", 1, "2001:db8::1")]
    [InlineData("garbage", 1, "10.0.0.9")]
    [InlineData("203.0.113.7", 2, "10.0.0.9")] // fewer entries than proxies: the header was not written by them
    public void Is_the_entry_the_trusted_proxies_appended_else_the_peer(string forwardedFor, int hops, string expected) =>
        Assert.Equal(expected, ClientAddress.From(Proxy, forwardedFor, hops));
}
