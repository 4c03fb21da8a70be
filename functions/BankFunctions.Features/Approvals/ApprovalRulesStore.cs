using System.Collections.Concurrent;
using System.Text.Json;
using BankFunctions.Features.Http;
using BankFunctions.Storage;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Approvals;

/// <summary>
/// Reads a tenant's rules with a short per-instance cache, so accepting a payment costs no extra storage read.
/// A change made here is seen at once on this instance and within <see cref="MaxAge"/> elsewhere; the sign stage
/// re-checks every payment against the current rules before anything is sent, so a tightened rule is never bypassed.
/// </summary>
public sealed class ApprovalRulesStore(StorageClients storage, TimeProvider clock)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, (IReadOnlyList<ApprovalRule> Rules, DateTimeOffset At)> _cache = new(StringComparer.Ordinal);

    public async Task<IReadOnlyList<ApprovalRule>> GetAsync(string tenantId, CancellationToken cancellationToken, bool fresh = false)
    {
        var now = clock.GetUtcNow();
        if (!fresh && _cache.TryGetValue(tenantId, out var cached) && now - cached.At < MaxAge)
        {
            return cached.Rules;
        }
        var row = await storage.Table(TableNames.TenantData).GetEntityIfExistsAsync<ApprovalRulesRow>(
            TableKeys.TenantPartition(tenantId), TableKeys.ApprovalRulesRow, cancellationToken: cancellationToken);
        IReadOnlyList<ApprovalRule> rules = row.HasValue && row.Value is not null
            ? JsonSerializer.Deserialize<List<ApprovalRule>>(row.Value.RulesJson, ApiJson.Options) ?? []
            : [];
        _cache[tenantId] = (rules, now);
        return rules;
    }

    public void Invalidate(string tenantId) => _cache.TryRemove(tenantId, out _);
}
