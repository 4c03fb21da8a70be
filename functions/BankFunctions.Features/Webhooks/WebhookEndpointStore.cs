using Azure.Data.Tables;
using BankFunctions.Storage;
using BankFunctions.Storage.Guard;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Webhooks;

/// <summary>What a change of an endpoint commits (its rows' actions, ETag-guarded, and the audit row) and answers once committed.</summary>
public sealed record WebhookEndpointChange<T>(IReadOnlyList<TableTransactionAction> Actions, T Result);

/// <summary>Reads a tenant's webhook endpoints and their delivery state (rows of <see cref="TableNames.TenantData"/>), and changes them.</summary>
public sealed class WebhookEndpointStore(StorageClients storage)
{
    private const int ChangeAttempts = 5;

    private TableClient Table => storage.Table(TableNames.TenantData);

    /// <summary>
    /// Reads the endpoint and its delivery state, lets <paramref name="decide"/> build the change from them and commits it
    /// in one transaction; when a row changed meanwhile (a delivery moved the state, another edit) it reads and decides
    /// again. Null when the endpoint is not there (another tenant's id included).
    /// </summary>
    public async Task<T?> ChangeAsync<T>(string tenantId, string endpointId, Func<WebhookEndpointRow, WebhookStateRow, WebhookEndpointChange<T>> decide,
        CancellationToken cancellationToken)
        where T : class
    {
        for (var attempt = 1; ; attempt++)
        {
            var row = await FindAsync(tenantId, endpointId, cancellationToken);
            var state = await StateAsync(tenantId, endpointId, cancellationToken);
            if (row is null || state is null)
            {
                return null;
            }
            var change = decide(row, state);
            try
            {
                await Table.SubmitCheckedAsync(change.Actions, cancellationToken);
                return change.Result;
            }
            catch (TableTransactionFailedException e) when (e.Status is 412 or 404 && attempt < ChangeAttempts)
            {
                // Changed meanwhile: decide again on what it is now.
            }
        }
    }

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
