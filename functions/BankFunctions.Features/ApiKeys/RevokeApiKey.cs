using BankFunctions.Storage.Guard;
using Azure;
using Azure.Data.Tables;
using BankFunctions.Features.Http;
using BankFunctions.Features.Runtime;
using BankFunctions.Storage;
using BankFunctions.Storage.Rows;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.ApiKeys;

/// <summary>
/// DELETE /v1/api-keys/{id} (admin): revoke a key. The lookup row is revoked first (effective at once), then
/// the tenant's row and the audit row in one transaction; both are ETag-guarded and the call is idempotent.
/// </summary>
public sealed class RevokeApiKey(StorageClients storage, Auth.ApiKeyCache cache, TimeProvider clock, AuditRows audit) : IHttpHandler
{
    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var caller = context.Caller();
        var tenantId = caller.RequireTenant();
        var keyId = RouteValues.Id(context, "id", "API key");
        var tenantTable = storage.Table(TableNames.TenantData);
        var existing = await tenantTable.GetEntityIfExistsAsync<ApiKeyRow>(
            TableKeys.TenantPartition(tenantId), TableKeys.ApiKeyRow(keyId), cancellationToken: cancellationToken);
        if (!existing.HasValue || existing.Value is null)
        {
            return Problem.NotFound($"API key '{keyId}'");
        }
        var row = existing.Value;
        if (row.RevokedAt is not null)
        {
            return Results.NoContent();
        }
        var now = clock.GetUtcNow();
        await RevokeLookupAsync(keyId, now, cancellationToken);
        cache.Evict(keyId);

        var before = ApiKeyIssuer.ToView(row);
        row.RevokedAt = now;
        try
        {
            await tenantTable.SubmitCheckedAsync(
                [
                    new TableTransactionAction(TableTransactionActionType.UpdateMerge, row, row.ETag),
                    new TableTransactionAction(TableTransactionActionType.Add,
                        audit.Row(tenantId, caller, "api-key.revoked", keyId, before, ApiKeyIssuer.ToView(row), now)),
                ],
                cancellationToken);
        }
        catch (TableTransactionFailedException e) when (e.Status == 412)
        {
            // Someone revoked it at the same time; their audit row stands.
        }
        return Results.NoContent();
    }

    private async Task RevokeLookupAsync(string keyId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var table = storage.Table(TableNames.ApiKeys);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var lookup = await table.GetEntityIfExistsAsync<ApiKeyRow>(
                TableKeys.ApiKeyLookupPartition(keyId), TableKeys.ApiKeyLookupRow, cancellationToken: cancellationToken);
            if (!lookup.HasValue || lookup.Value is null || lookup.Value.RevokedAt is not null)
            {
                return;
            }
            lookup.Value.RevokedAt = now;
            try
            {
                await table.UpdateCheckedAsync(lookup.Value, lookup.Value.ETag, TableUpdateMode.Merge, cancellationToken);
                return;
            }
            catch (RequestFailedException e) when (e.Status == 412)
            {
            }
        }
        throw new InvalidOperationException("The key's lookup row kept changing while being revoked.");
    }
}
