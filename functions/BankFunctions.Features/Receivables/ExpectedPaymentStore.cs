using BankFunctions.Storage;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Receivables;

/// <summary>Reads expected payments of a tenant (all in its TenantData partition).</summary>
public sealed class ExpectedPaymentStore(StorageClients storage)
{
    public async Task<ExpectedPaymentRow?> FindAsync(string tenantId, string id, CancellationToken cancellationToken)
    {
        var found = await storage.Table(TableNames.TenantData).GetEntityIfExistsAsync<ExpectedPaymentRow>(
            TableKeys.TenantPartition(tenantId), TableKeys.ExpectedPaymentRow(id), cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    /// <summary>The account's expected payments still open (open or partially reconciled), oldest first.</summary>
    public async Task<List<ExpectedPaymentRow>> OpenAsync(string tenantId, string accountId, CancellationToken cancellationToken)
    {
        var filter = TableKeys.PrefixFilter(TableKeys.TenantPartition(tenantId), TableKeys.ExpectedPaymentPrefix)
            + $" and AccountId eq '{TableKeys.Escape(accountId)}'"
            + $" and (Status eq '{ExpectedPaymentStatus.Open.ToWire()}' or Status eq '{ExpectedPaymentStatus.PartiallyReconciled.ToWire()}')";
        var rows = new List<ExpectedPaymentRow>();
        await foreach (var row in storage.Table(TableNames.TenantData).QueryAsync<ExpectedPaymentRow>(filter, cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }
        return rows;
    }
}
