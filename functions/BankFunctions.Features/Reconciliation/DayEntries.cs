using BankFunctions.Storage;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Reconciliation;

/// <summary>
/// Reads an account's stored entries one booking day at a time, oldest day first, page by page (a day's rows are one
/// RowKey range: <see cref="TableKeys.StatementDayStart"/>), so the routes write as they read and memory does not grow
/// with the window.
/// </summary>
public sealed class DayEntries(StorageClients storage)
{
    private const int PageSize = 1000;

    /// <summary>The entries booked on <paramref name="day"/> (by entry key), in pages as storage returns them.</summary>
    public async IAsyncEnumerable<IReadOnlyList<StatementEntryRow>> PagesAsync(string partition, DateOnly day,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Days sort inverted: the day before 'day' starts right after the last key of 'day'.
        var filter = $"PartitionKey eq '{TableKeys.Escape(partition)}' and RowKey ge '{TableKeys.Escape(TableKeys.StatementDayStart(day))}' and RowKey lt '{TableKeys.Escape(TableKeys.StatementDayStart(day.AddDays(-1)))}'";
        await foreach (var page in storage.Table(TableNames.Statements).QueryAsync<StatementEntryRow>(filter, maxPerPage: PageSize, cancellationToken: cancellationToken).AsPages())
        {
            yield return page.Values;
        }
    }

    /// <summary>The entry row keys of <paramref name="day"/> that settled expected payments (their settlement guards).</summary>
    public async Task<HashSet<string>> SettledAsync(string tenantId, string accountId, DateOnly day, CancellationToken cancellationToken)
    {
        var settled = new HashSet<string>(StringComparer.Ordinal);
        var prefix = TableKeys.EntrySettlementRow(accountId, "");
        var filter = TableKeys.PrefixFilter(TableKeys.TenantPartition(tenantId), TableKeys.EntrySettlementRow(accountId, TableKeys.StatementDayStart(day)));
        await foreach (var guard in storage.Table(TableNames.TenantData).QueryAsync<EntrySettlementRow>(filter, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            settled.Add(guard.RowKey[prefix.Length..]);
        }
        return settled;
    }
}
