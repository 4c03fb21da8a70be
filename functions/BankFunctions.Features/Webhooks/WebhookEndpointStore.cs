using Azure.Data.Tables;
using BankFunctions.Storage;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Webhooks;

/// <summary>Reads a tenant's webhook endpoints and their delivery state (rows of <see cref="TableNames.TenantData"/>).</summary>
public sealed class WebhookEndpointStore(StorageClients storage)
{
    private TableClient Table => storage.Table(TableNames.TenantData);

    public async Task<WebhookEndpointRow?> FindAsync(string tenantId, string endpointId, CancellationToken cancellationToken)
    {
        var read = await Table.GetEntityIfExistsAsync<WebhookEndpointRow>(TableKeys.TenantPartition(tenantId), TableKeys.WebhookEndpointRow(endpointId),
            cancellationToken: cancellationToken);
        return read.HasValue ? read.Value : null;
    }

    public async Task<WebhookStateRow?> StateAsync(string tenantId, string endpointId, CancellationToken cancellationToken)
    {
        var read = await Table.GetEntityIfExistsAsync<WebhookStateRow>(TableKeys.TenantPartition(tenantId), TableKeys.WebhookStateRow(endpointId),
            cancellationToken: cancellationToken);
        return read.HasValue ? read.Value : null;
    }

    public async Task<List<WebhookEndpointRow>> ListAsync(string tenantId, CancellationToken cancellationToken)
    {
        var rows = new List<WebhookEndpointRow>();
        await foreach (var row in Table.QueryAsync<WebhookEndpointRow>(TableKeys.PrefixFilter(TableKeys.TenantPartition(tenantId), TableKeys.WebhookEndpointPrefix),
            cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>The tenant's newest event sequence (0 before the first): where a new endpoint's deliveries start.</summary>
    public async Task<long> LastSequenceAsync(string tenantId, CancellationToken cancellationToken)
    {
        var read = await Table.GetEntityIfExistsAsync<EventCounterRow>(TableKeys.TenantPartition(tenantId), TableKeys.EventCounterRow, cancellationToken: cancellationToken);
        return read.HasValue ? read.Value!.Last : 0;
    }

    /// <summary>The secrets a delivery is signed with now: the current one, and the previous one during its 24 hours.</summary>
    public static IReadOnlyList<string> Secrets(WebhookEndpointRow row, DateTimeOffset now) =>
        row.PreviousSecret is not null && row.PreviousSecretExpiresAt > now ? [row.Secret, row.PreviousSecret] : [row.Secret];
}
