using System.Globalization;
using BankFunctions.Features.Http;
using BankFunctions.Features.Receivables;
using BankFunctions.Features.Statements;
using BankFunctions.Storage;
using BankFunctions.Storage.Rows;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.ManualMatching;

/// <summary>
/// Reads what manual matching works on: a stored statement entry by its id (as /transactions names it), its settlement
/// guard and the expected payments involved (point reads, all in the tenant's partition).
/// </summary>
public sealed class EntrySettlementStore(StorageClients storage)
{
    /// <summary>
    /// The route's {entryId}: an entry key ("20261127.C250.EUR.0", or "r-…"/"h-…" of entries stored before buckets);
    /// anything a table key cannot hold cannot exist, so it is a 404.
    /// </summary>
    public static string EntryId(HttpContext context)
    {
        var value = context.Request.RouteValues["entryId"] as string;
        if (string.IsNullOrEmpty(value) || value.Length > 200 || value.Any(c => char.IsControl(c) || c is '/' or '\\' or '#' or '?' || c > '~'))
        {
            throw new ProblemException(Problem.NotFound("Transaction"));
        }
        return value;
    }

    /// <summary>The entry: a point read when its key starts with its booking day, else a query of the account's entries by key.</summary>
    public async Task<StatementEntryRow?> FindEntryAsync(TenantAccount account, string entryId, CancellationToken cancellationToken)
    {
        var table = storage.Table(TableNames.Statements);
        if (!EntryKeys.IsLegacy(entryId))
        {
            if (entryId.Length < 9 || entryId[8] != '.'
                || !DateOnly.TryParseExact(entryId[..8], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                return null;
            }
            var found = await table.GetEntityIfExistsAsync<StatementEntryRow>(account.Partition, TableKeys.StatementEntryRow(day, entryId), cancellationToken: cancellationToken);
            return found.HasValue ? found.Value : null;
        }
        var filter = $"PartitionKey eq '{TableKeys.Escape(account.Partition)}' and RowKey ge '{TableKeys.EntryPrefix}' and RowKey lt 'txn}}' and EntryKey eq '{TableKeys.Escape(entryId)}'";
        await foreach (var row in table.QueryAsync<StatementEntryRow>(filter, maxPerPage: 1, cancellationToken: cancellationToken))
        {
            return row;
        }
        return null;
    }

    public async Task<EntrySettlementRow?> FindGuardAsync(string tenantId, string accountId, string entryRowKey, CancellationToken cancellationToken)
    {
        var found = await storage.Table(TableNames.TenantData).GetEntityIfExistsAsync<EntrySettlementRow>(
            TableKeys.TenantPartition(tenantId), TableKeys.EntrySettlementRow(accountId, entryRowKey), cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    /// <summary>The guards of these entries, by entry RowKey.</summary>
    public async Task<Dictionary<string, EntrySettlementRow>> GuardsAsync(string tenantId, string accountId, IEnumerable<string> entryRowKeys, CancellationToken cancellationToken)
    {
        var prefix = TableKeys.EntrySettlementRow(accountId, "");
        var rows = await RowKeyLookup.FindAsync<EntrySettlementRow>(storage.Table(TableNames.TenantData), TableKeys.TenantPartition(tenantId),
            entryRowKeys.Select(k => TableKeys.EntrySettlementRow(accountId, k)), cancellationToken);
        return rows.Values.ToDictionary(g => g.RowKey[prefix.Length..], StringComparer.Ordinal);
    }

    /// <summary>The tenant's expected payments of these ids (ids that are no table key, or not found, are absent).</summary>
    public async Task<Dictionary<string, ExpectedPaymentRow>> ExpectedPaymentsAsync(string tenantId, IEnumerable<string?> ids, CancellationToken cancellationToken)
    {
        var keys = ids.OfType<string>().Where(id => id.Length is > 0 and <= 100 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
            .Select(TableKeys.ExpectedPaymentRow);
        var rows = await RowKeyLookup.FindAsync<ExpectedPaymentRow>(storage.Table(TableNames.TenantData), TableKeys.TenantPartition(tenantId), keys, cancellationToken);
        return rows.Values.ToDictionary(r => r.ExpectedPaymentId, StringComparer.Ordinal);
    }
}
