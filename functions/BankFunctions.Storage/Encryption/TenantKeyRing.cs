using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Storage.Encryption;

/// <summary>
/// Each tenant's data keys (DEKs, 256-bit): generated once (version 1) on the tenant's first encrypted write, stored
/// only wrapped by the KEK in <see cref="TableNames.TenantKeys"/>, kept unwrapped in memory for
/// <see cref="EncryptionOptions.DataKeyCacheTime"/>. Rotation: <see cref="RotateDataKeyAsync"/> adds a DEK version that
/// new writes use (older versions keep decrypting); <see cref="RewrapAsync"/> re-wraps every stored DEK with the
/// current KEK version without touching a single encrypted row.
/// </summary>
public sealed class TenantKeyRing(TableClient keys, IKeyEncryptionKey kek, TimeProvider clock, TimeSpan cacheTime)
{
    private readonly ConcurrentDictionary<string, CachedKeys> cache = new(StringComparer.Ordinal);

    public sealed record TenantKeys(IReadOnlyDictionary<int, byte[]> Versions, int Current, byte[] LookupKey, DateTimeOffset Expires)
    {
        public byte[] CurrentKey => Versions[Current];
    }

    private sealed record CachedKeys(TenantKeys? Keys);

    /// <summary>The tenant's keys, creating version 1 when it has none yet.</summary>
    public async ValueTask<TenantKeys> ForWriteAsync(string tenant, CancellationToken cancellationToken) =>
        await LoadAsync(tenant, create: true, cancellationToken).ConfigureAwait(false)
        ?? throw new InvalidOperationException("unreachable: created keys");

    /// <summary>The key of <paramref name="version"/>, reloading once when a newer version appeared elsewhere.</summary>
    public async ValueTask<byte[]> ForReadAsync(string tenant, int version, CancellationToken cancellationToken)
    {
        var keys = await LoadAsync(tenant, create: false, cancellationToken).ConfigureAwait(false);
        if (keys is null || !keys.Versions.ContainsKey(version))
        {
            cache.TryRemove(tenant, out _);
            keys = await LoadAsync(tenant, create: false, cancellationToken).ConfigureAwait(false);
        }
        return keys is not null && keys.Versions.TryGetValue(version, out var key)
            ? key
            : throw new CryptographicException($"Tenant '{tenant}' has no data key version {version}.");
    }

    /// <summary>HMAC-SHA256 of a value under the tenant's lookup key, hex: an equality-searchable stand-in for a sensitive value.</summary>
    public async ValueTask<string> LookupHashAsync(string tenant, string value, CancellationToken cancellationToken)
    {
        var keys = await ForWriteAsync(tenant, cancellationToken).ConfigureAwait(false);
        return Convert.ToHexStringLower(HMACSHA256.HashData(keys.LookupKey, Encoding.UTF8.GetBytes(value)));
    }

    /// <summary>
    /// The version this instance's new writes seal under, read again from the table when the cached keys are older than
    /// <paramref name="atLeast"/> (a rotation on another instance within the cache period): a re-seal must not seal
    /// under the version it replaces. <see cref="int.MaxValue"/> always reads the table.
    /// </summary>
    public async Task<int> CurrentVersionAsync(string tenant, int atLeast, CancellationToken cancellationToken)
    {
        var keys = await ForWriteAsync(tenant, cancellationToken).ConfigureAwait(false);
        if (keys.Current >= atLeast)
        {
            return keys.Current;
        }
        cache.TryRemove(tenant, out _);
        return (await ForWriteAsync(tenant, cancellationToken).ConfigureAwait(false)).Current;
    }

    /// <summary>Adds a new DEK version for new writes; returns it.</summary>
    public async Task<int> RotateDataKeyAsync(string tenant, CancellationToken cancellationToken)
    {
        await ForWriteAsync(tenant, cancellationToken).ConfigureAwait(false); // version 1 exists before n+1 is added
        cache.TryRemove(tenant, out _);
        var rows = await RowsAsync(tenant, cancellationToken).ConfigureAwait(false);
        var next = rows.Max(r => r.Version) + 1;
        await AddAsync(tenant, next, cancellationToken).ConfigureAwait(false);
        cache.TryRemove(tenant, out _);
        return next;
    }

    /// <summary>Re-wraps every stored DEK of <paramref name="tenant"/> (all tenants when null) with the current KEK version; returns how many changed.</summary>
    public async Task<int> RewrapAsync(string? tenant, CancellationToken cancellationToken)
    {
        var kekId = await kek.CurrentKeyIdAsync(cancellationToken).ConfigureAwait(false);
        var filter = tenant is null ? null : $"PartitionKey eq '{TableKeys.Escape(tenant)}'";
        var changed = 0;
        await foreach (var row in keys.QueryAsync<TenantKeyRow>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (row.KekId == kekId)
            {
                continue;
            }
            var dek = await kek.UnwrapAsync(row.KekId, Convert.FromBase64String(row.WrappedKey), cancellationToken).ConfigureAwait(false);
            row.WrappedKey = Convert.ToBase64String(await kek.WrapAsync(kekId, dek, cancellationToken).ConfigureAwait(false));
            row.KekId = kekId;
            row.RewrappedAt = clock.GetUtcNow();
            await keys.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            changed++;
        }
        cache.Clear();
        return changed;
    }

    private async ValueTask<TenantKeys?> LoadAsync(string tenant, bool create, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (cache.TryGetValue(tenant, out var cached) && cached.Keys is { } hit && hit.Expires > now)
        {
            return hit;
        }
        var rows = await RowsAsync(tenant, cancellationToken).ConfigureAwait(false);
        if (rows.Count == 0)
        {
            if (!create)
            {
                return null;
            }
            await AddAsync(tenant, 1, cancellationToken).ConfigureAwait(false);
            rows = await RowsAsync(tenant, cancellationToken).ConfigureAwait(false);
        }
        var versions = new Dictionary<int, byte[]>();
        foreach (var row in rows)
        {
            versions[row.Version] = await kek.UnwrapAsync(row.KekId, Convert.FromBase64String(row.WrappedKey), cancellationToken).ConfigureAwait(false);
        }
        // The lookup key comes from version 1 so that lookup columns stay valid across DEK rotations.
        var lookup = HKDF.DeriveKey(HashAlgorithmName.SHA256, versions[rows.Min(r => r.Version)], 32, Encoding.UTF8.GetBytes(tenant), "bf-lookup-v1"u8.ToArray());
        var keysNow = new TenantKeys(versions, versions.Keys.Max(), lookup, now + cacheTime);
        cache[tenant] = new CachedKeys(keysNow);
        return keysNow;
    }

    private async Task<List<TenantKeyRow>> RowsAsync(string tenant, CancellationToken cancellationToken)
    {
        var rows = new List<TenantKeyRow>();
        await foreach (var row in keys.QueryAsync<TenantKeyRow>($"PartitionKey eq '{TableKeys.Escape(tenant)}'", cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            rows.Add(row);
        }
        return rows;
    }

    private async Task AddAsync(string tenant, int version, CancellationToken cancellationToken)
    {
        var kekId = await kek.CurrentKeyIdAsync(cancellationToken).ConfigureAwait(false);
        var dek = RandomNumberGenerator.GetBytes(32);
        var row = new TenantKeyRow
        {
            PartitionKey = tenant,
            RowKey = TableKeys.TenantKeyRow(version),
            Version = version,
            KekId = kekId,
            WrappedKey = Convert.ToBase64String(await kek.WrapAsync(kekId, dek, cancellationToken).ConfigureAwait(false)),
            CreatedAt = clock.GetUtcNow(),
        };
        try
        {
            await keys.AddEntityAsync(row, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Another instance created this version first: theirs is the key.
        }
    }
}
