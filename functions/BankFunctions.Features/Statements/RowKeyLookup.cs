using Azure.Data.Tables;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Statements;

/// <summary>
/// Reads many rows of one partition by RowKey: point reads, many in flight at once. Point reads are what the Table
/// service serves fastest at any partition size; a filter of OR-ed RowKeys looks cheaper (one request for 14 keys)
/// but the service answers it with a scan of the partition, which grows with every entry ever stored (measured on
/// Azurite too: the duplicate path fell from 885 to 593 entries/s with OR filters).
/// </summary>
public static class RowKeyLookup
{
    private const int InFlight = 48;

    public static async Task<Dictionary<string, TRow>> FindAsync<TRow>(TableClient table, string partition, IEnumerable<string> rowKeys, CancellationToken cancellationToken)
        where TRow : RowBase, new()
    {
        var found = new Dictionary<string, TRow>(StringComparer.Ordinal);
        foreach (var wave in rowKeys.Distinct(StringComparer.Ordinal).Chunk(InFlight))
        {
            var rows = await Task.WhenAll(wave.Select(key => table.GetEntityIfExistsAsync<TRow>(partition, key, cancellationToken: cancellationToken)));
            foreach (var row in rows.Where(r => r.HasValue))
            {
                found[row.Value!.RowKey] = row.Value;
            }
        }
        return found;
    }
}
