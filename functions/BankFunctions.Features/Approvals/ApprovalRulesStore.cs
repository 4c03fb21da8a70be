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

    private readonly ConcurrentDictionary<string, (ApprovalSettings Settings, DateTimeOffset At)> _cache = new(StringComparer.Ordinal);

    public async Task<IReadOnlyList<ApprovalRule>> GetAsync(string tenantId, CancellationToken cancellationToken, bool fresh = false) =>
        (await GetSettingsAsync(tenantId, cancellationToken, fresh)).Rules;

    /// <summary>The workflow payments and batches are submitted under (the old rules' translation when none was stored).</summary>
    public async Task<ApprovalWorkflow> GetWorkflowAsync(string tenantId, CancellationToken cancellationToken, bool fresh = false) =>
        (await GetSettingsAsync(tenantId, cancellationToken, fresh)).Workflow;

    /// <summary>The thresholds with the counterparty settings stored beside them.</summary>
    public async Task<ApprovalSettings> GetSettingsAsync(string tenantId, CancellationToken cancellationToken, bool fresh = false)
    {
        var now = clock.GetUtcNow();
        if (!fresh && _cache.TryGetValue(tenantId, out var cached) && now - cached.At < MaxAge)
        {
            return cached.Settings;
        }
        var found = await storage.Table(TableNames.TenantData).GetEntityIfExistsAsync<ApprovalRulesRow>(
            TableKeys.TenantPartition(tenantId), TableKeys.ApprovalRulesRow, cancellationToken: cancellationToken);
        var row = found.HasValue ? found.Value : null;
        var settings = row is null
            ? ApprovalSettings.Default
            : new ApprovalSettings(
                JsonSerializer.Deserialize<List<ApprovalRule>>(row.RulesJson, ApiJson.Options) ?? [],
                row.CounterpartyAccountChangeApprovals ?? ApprovalSettings.DefaultAccountChangeApprovals,
                row.FirstPaymentToNewAccountExtraApprovals ?? 0,
                row.WorkflowJson is null ? null : JsonSerializer.Deserialize<ApprovalWorkflow>(row.WorkflowJson, ApiJson.Options),
                row.ETag.ToString());
        _cache[tenantId] = (settings, now);
        return settings;
    }

    public void Invalidate(string tenantId) => _cache.TryRemove(tenantId, out _);
}
