using System.Collections.Concurrent;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Auth;

/// <summary>
/// Keeps key lookups for a few seconds so an authenticated request costs no storage read. A revocation on this
/// instance evicts at once; other instances honour it within <see cref="MaxAge"/>. Only the stored hash and roles
/// are cached, never a presented secret. Key ids that do not exist are remembered too (for
/// <see cref="MissingMaxAge"/>, at most <see cref="MaxMissing"/> of them), so repeating an unknown key costs no
/// read either (issue #20 §3); key ids are random, so none is asked for before it is created but by a guess.
/// </summary>
public sealed class ApiKeyCache(TimeProvider clock)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan MissingMaxAge = TimeSpan.FromSeconds(60);
    public const int MaxMissing = 10_000;

    private readonly ConcurrentDictionary<string, (ApiKeyRow Row, DateTimeOffset At)> _keys = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _missing = new(StringComparer.Ordinal);

    public bool TryGet(string keyId, out ApiKeyRow row)
    {
        if (_keys.TryGetValue(keyId, out var entry) && clock.GetUtcNow() - entry.At < MaxAge)
        {
            row = entry.Row;
            return true;
        }
        row = null!;
        return false;
    }

    /// <summary>True when <paramref name="keyId"/> was looked up recently and does not exist.</summary>
    public bool IsKnownMissing(string keyId) =>
        _missing.TryGetValue(keyId, out var at) && clock.GetUtcNow() - at < MissingMaxAge;

    public void Set(ApiKeyRow row)
    {
        if (_keys.Count > 100_000)
        {
            _keys.Clear();
        }
        _keys[row.KeyId] = (row, clock.GetUtcNow());
        _missing.TryRemove(row.KeyId, out _);
    }

    public void SetMissing(string keyId)
    {
        if (_missing.Count >= MaxMissing)
        {
            _missing.Clear();
        }
        _missing[keyId] = clock.GetUtcNow();
    }

    public void Evict(string keyId) => _keys.TryRemove(keyId, out _);
}
