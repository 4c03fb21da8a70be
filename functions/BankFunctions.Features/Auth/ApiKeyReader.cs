using Azure;
using BankFunctions.Storage;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Auth;

/// <summary>The one storage read authentication makes: a key's lookup row by key id (null when there is none).</summary>
public interface IApiKeyReader
{
    Task<ApiKeyRow?> FindAsync(string keyId, CancellationToken cancellationToken);
}

public sealed class TableApiKeyReader(StorageClients storage) : IApiKeyReader
{
    public async Task<ApiKeyRow?> FindAsync(string keyId, CancellationToken cancellationToken)
    {
        try
        {
            var row = await storage.Table(TableNames.ApiKeys).GetEntityIfExistsAsync<ApiKeyRow>(
                TableKeys.ApiKeyLookupPartition(keyId), TableKeys.ApiKeyLookupRow, cancellationToken: cancellationToken);
            return row.HasValue ? row.Value : null;
        }
        catch (RequestFailedException e) when (e.Status == 400)
        {
            // A key id that is not a valid table key cannot exist.
            return null;
        }
    }
}
