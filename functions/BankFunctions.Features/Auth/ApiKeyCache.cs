using System.Collections.Concurrent;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Auth;

/// <summary>
/// Keeps key lookups for a few seconds so an authenticated request costs no storage read. A revocation on this
/// instance evicts at once; other instances honour it within <see cref="MaxAge"/>. Only the stored hash and roles
/// are cached, never a presented secret.
/// </summary>
public sealed class ApiKeyCache(TimeProvider clock)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, (ApiKeyRow Row, DateTimeOffset At)> _keys = new(StringComparer.Ordinal);

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

    public void Set(ApiKeyRow row)
    {
        if (_keys.Count > 100_000)
        {
            _keys.Clear();
        }
        _keys[row.KeyId] = (row, clock.GetUtcNow());
    }

    public void Evict(string keyId) => _keys.TryRemove(keyId, out _);
}
