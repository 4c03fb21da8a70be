using BankFunctions.Storage;
using BankFunctions.Storage.Rows;
using BankFunctions.Domain.Ids;

namespace BankFunctions.Features.Tenants;

public static class TenantLookup
{
    public static async Task<TenantRow?> FindAsync(StorageClients storage, string tenantId, CancellationToken cancellationToken)
    {
        if (!TenantId.IsValid(tenantId) && !tenantId.StartsWith(TenantId.Prefix, StringComparison.Ordinal))
        {
            return null;
        }
        var row = await storage.Table(TableNames.TenantData).GetEntityIfExistsAsync<TenantRow>(
            TableKeys.TenantPartition(tenantId), TableKeys.TenantProfileRow, cancellationToken: cancellationToken);
        return row.HasValue ? row.Value : null;
    }
}
