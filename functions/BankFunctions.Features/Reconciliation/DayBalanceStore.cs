using Azure;
using Azure.Data.Tables;
using BankFunctions.Storage;
using BankFunctions.Storage.Guard;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Reconciliation;

/// <summary>
/// Stores the per-day booked balances of ingested statements (<see cref="DayBalances"/>) and reads them for a window.
/// One row per day, written only when a value changes (so ingesting the same file again writes nothing), ETag-guarded:
/// on 409/412 the row is read and merged again.
/// </summary>
public sealed class DayBalanceStore(StorageClients storage)
{
    private const int Attempts = 5;

    public async Task ApplyAsync(string partition, string currency, IEnumerable<DayBalance> balances, CancellationToken cancellationToken)
    {
        var table = storage.Table(TableNames.Statements);
        foreach (var day in balances.GroupBy(b => b.Day))
        {
            for (var attempt = 0; attempt < Attempts; attempt++)
            {
                var key = TableKeys.DayBalanceRow(day.Key);
                var found = await table.GetEntityIfExistsAsync<DayBalanceRow>(partition, key, cancellationToken: cancellationToken);
                var row = found.HasValue ? found.Value! : new DayBalanceRow
                {
                    PartitionKey = partition, RowKey = key, Day = day.Key.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), Currency = currency,
                };
                var changed = false;
                foreach (var b in day)
                {
                    changed |= DayBalances.Take(row, b);
                }
                if (!changed)
                {
                    break;
                }
                try
                {
                    await (found.HasValue
                        ? table.UpdateCheckedAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken)
                        : table.AddCheckedAsync(row, cancellationToken));
                    break;
                }
                catch (RequestFailedException e) when (e.Status is 409 or 412)
                {
                    // Another ingest wrote this day meanwhile: merge into what is there now.
                }
            }
        }
    }

    /// <summary>The stored days of [from, to], by day (days without a statement are absent).</summary>
    public async Task<Dictionary<DateOnly, DayBalanceRow>> ReadAsync(string partition, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var filter = $"PartitionKey eq '{TableKeys.Escape(partition)}' and RowKey ge '{TableKeys.Escape(TableKeys.DayBalanceRow(from))}' and RowKey le '{TableKeys.Escape(TableKeys.DayBalanceRow(to))}'";
        var days = new Dictionary<DateOnly, DayBalanceRow>();
        await foreach (var row in storage.Table(TableNames.Statements).QueryAsync<DayBalanceRow>(filter, cancellationToken: cancellationToken))
        {
            days[DateOnly.ParseExact(row.Day, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)] = row;
        }
        return days;
    }
}
