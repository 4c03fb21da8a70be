using System.Text.Json;
using BankFunctions.Features.Http;
using BankFunctions.Storage;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Counterparties;

/// <summary>Reads a tenant's counterparties (all in its TenantData partition) and maps rows to the model and back.</summary>
public sealed class CounterpartyStore(StorageClients storage)
{
    public async Task<CounterpartyRow?> FindAsync(string tenantId, string id, CancellationToken cancellationToken)
    {
        var found = await storage.Table(TableNames.TenantData).GetEntityIfExistsAsync<CounterpartyRow>(
            TableKeys.TenantPartition(tenantId), TableKeys.CounterpartyRow(id), cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    public static CounterpartyView View(CounterpartyRow row) => new(
        row.CounterpartyId, row.Name, row.Email,
        row.Address is null ? null : JsonSerializer.Deserialize<AddressView>(row.Address, ApiJson.Options),
        JsonSerializer.Deserialize<List<CounterpartyAccount>>(row.Accounts, ApiJson.Options) ?? [],
        row.Metadata is null ? null : JsonSerializer.Deserialize<Dictionary<string, string>>(row.Metadata, ApiJson.Options),
        row.CreatedBy, row.CreatedAt, row.UpdatedAt);

    /// <summary>The row of <paramref name="view"/>, carrying <paramref name="etag"/> of the row it replaces (default: a new row).</summary>
    public static CounterpartyRow Row(string tenantId, CounterpartyView view, Azure.ETag etag = default) => new()
    {
        PartitionKey = TableKeys.TenantPartition(tenantId),
        RowKey = TableKeys.CounterpartyRow(view.Id),
        ETag = etag,
        CounterpartyId = view.Id,
        Name = view.Name,
        Email = view.Email,
        Address = view.Address is null ? null : JsonSerializer.Serialize(view.Address, ApiJson.Options),
        Metadata = view.Metadata is null ? null : JsonSerializer.Serialize(view.Metadata, ApiJson.Options),
        Accounts = JsonSerializer.Serialize(view.Accounts, ApiJson.Options),
        CreatedBy = view.CreatedBy,
        CreatedAt = view.CreatedAt,
        UpdatedAt = view.UpdatedAt,
    };
}
