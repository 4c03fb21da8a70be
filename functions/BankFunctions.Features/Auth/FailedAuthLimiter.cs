using System.Collections.Concurrent;
using BankFunctions.Features.Http;

namespace BankFunctions.Features.Auth;

/// <summary>
/// Budgets for failed authentication (issue #20 §3): a token bucket per client address and one per presented key id,
/// each <see cref="RateLimitOptions.FailedAuthBurst"/> deep and refilled at <see cref="RateLimitOptions.FailedAuthPerSecond"/>.
/// The caller decides when to take and refund (see <see cref="RequestAuthenticator"/>). Pure apart from the clock;
/// per host instance, like the tenant limiter.
/// </summary>
public sealed class FailedAuthLimiter(RateLimitOptions options, TimeProvider clock)
{
    /// <summary>Buckets kept at most; beyond it, refilled buckets are dropped (they hold nothing a new bucket would not).</summary>
    public const int MaxTracked = 50_000;

    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);

    /// <summary>The budget of one client address.</summary>
    public static string Address(string address) => "addr|" + address;

    /// <summary>The budget of one presented key id.</summary>
    public static string Key(string keyId) => "key|" + keyId;

    /// <summary>Takes one attempt from <paramref name="budget"/>; null when allowed, else how long until the next one is.</summary>
    public TimeSpan? TryTake(string budget) => BucketFor(budget).TryTake(clock.GetUtcNow(), options);

    /// <summary>The attempt succeeded: the token <see cref="TryTake"/> took goes back.</summary>
    public void Refund(string budget) => BucketFor(budget).Refund(options);

    private Bucket BucketFor(string key)
    {
        if (_buckets.Count >= MaxTracked && !_buckets.ContainsKey(key))
        {
            Prune();
        }
        return _buckets.GetOrAdd(key, _ => new Bucket(options.FailedAuthBurst, clock.GetUtcNow()));
    }

    private void Prune()
    {
        var now = clock.GetUtcNow();
        foreach (var (key, bucket) in _buckets)
        {
            if (bucket.IsFull(now, options))
            {
                _buckets.TryRemove(key, out _);
            }
        }
        if (_buckets.Count >= MaxTracked)
        {
            // Every tracked source is mid-attack: forgetting them all is better than growing without bound.
            _buckets.Clear();
        }
    }

    private sealed class Bucket(double tokens, DateTimeOffset at)
    {
        private readonly Lock _lock = new();
        private double _tokens = tokens;
        private DateTimeOffset _at = at;

        public TimeSpan? TryTake(DateTimeOffset now, RateLimitOptions options)
        {
            lock (_lock)
            {
                Refill(now, options);
                if (_tokens >= 1)
                {
                    _tokens -= 1;
                    return null;
                }
                return TimeSpan.FromSeconds((1 - _tokens) / options.FailedAuthPerSecond);
            }
        }

        public void Refund(RateLimitOptions options)
        {
            lock (_lock)
            {
                _tokens = Math.Min(options.FailedAuthBurst, _tokens + 1);
            }
        }

        public bool IsFull(DateTimeOffset now, RateLimitOptions options)
        {
            lock (_lock)
            {
                Refill(now, options);
                return _tokens >= options.FailedAuthBurst;
            }
        }

        private void Refill(DateTimeOffset now, RateLimitOptions options)
        {
            if (now > _at)
            {
                _tokens = Math.Min(options.FailedAuthBurst, _tokens + ((now - _at).TotalSeconds * options.FailedAuthPerSecond));
                _at = now;
            }
        }
    }
}
