using System.Threading.RateLimiting;

namespace BankFunctions.Features.Http;

public sealed class RateLimitOptions
{
    public const string Section = "RateLimit";

    /// <summary>Sustained requests per second per tenant; bursts up to twice that are allowed.</summary>
    public int PermitsPerSecond { get; set; } = 50;

    /// <summary>Failed authentication attempts a client address (and, separately, a key id) may make at once before 429s.</summary>
    public int FailedAuthBurst { get; set; } = 30;

    /// <summary>How fast that budget comes back: sustained failed attempts per second per address and per key id.</summary>
    public double FailedAuthPerSecond { get; set; } = 1;

    /// <summary>Reverse proxies in front of the host that append to X-Forwarded-For (0: the TCP peer is the client; see ClientAddress).</summary>
    public int ForwardedHops { get; set; }

    public void Validate()
    {
        if (PermitsPerSecond < 1 || FailedAuthBurst < 1 || !(FailedAuthPerSecond > 0) || ForwardedHops is < 0 or > 10)
        {
            throw new InvalidOperationException(
                "RateLimit__PermitsPerSecond and RateLimit__FailedAuthBurst must be at least 1, RateLimit__FailedAuthPerSecond above 0, RateLimit__ForwardedHops 0 to 10.");
        }
    }
}

/// <summary>
/// A token bucket per tenant (per host instance: with N instances a tenant gets up to N × the rate, which is
/// the documented trade-off for not putting a shared counter on the hot path).
/// </summary>
public sealed class TenantRateLimiter(RateLimitOptions options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(tenant =>
        RateLimitPartition.GetTokenBucketLimiter(tenant, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, options.PermitsPerSecond * 2),
            TokensPerPeriod = Math.Max(1, options.PermitsPerSecond),
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    /// <summary>Null when the request may go ahead, otherwise how long to wait.</summary>
    public TimeSpan? TryAcquire(string tenantId)
    {
        using var lease = _limiter.AttemptAcquire(tenantId);
        if (lease.IsAcquired)
        {
            return null;
        }
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
    }

    public void Dispose() => _limiter.Dispose();
}
