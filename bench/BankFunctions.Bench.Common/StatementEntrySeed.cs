using System.Globalization;
using Azure.Data.Tables;
using BankFunctions.Storage;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Bench.Common;

/// <summary>Statement entries (the biggest kind of data there is) for the storage benchmarks: backup and re-seal.</summary>
public static class StatementEntrySeed
{
    /// <summary>Rows shaped like StatementEntryRow (every field filled), 100 per transaction, 8 transactions in flight.</summary>
    public static async Task SeedAsync(TableClient table, string tenant, int rows)
    {
        var inFlight = new List<Task>();
        var accounts = 4;
        for (var start = 0; start < rows; start += 100)
        {
            var account = "acct_" + (start / 100 % accounts).ToString(CultureInfo.InvariantCulture);
            var batch = new List<TableTransactionAction>(100);
            for (var i = start; i < Math.Min(start + 100, rows); i++)
            {
                var day = new DateOnly(2026, 1, 1).AddDays(i % 300);
                var key = $"{day:yyyyMMdd}.C{i}.EUR.0";
                batch.Add(new TableTransactionAction(TableTransactionActionType.Add, new StatementEntryRow
                {
                    PartitionKey = TableKeys.StatementPartition(tenant, account),
                    RowKey = TableKeys.StatementEntryRow(day, key + "." + i.ToString(CultureInfo.InvariantCulture)),
                    EntryKey = key, Amount = (i % 10_000 + 0.25m).ToString(CultureInfo.InvariantCulture), Currency = "EUR",
                    BookingDate = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ValueDate = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    Status = "booked", BankReference = "BREF" + i.ToString(CultureInfo.InvariantCulture), EndToEndId = "E2E-" + Guid.NewGuid().ToString("N"),
                    CustomerReference = "INV-" + i.ToString(CultureInfo.InvariantCulture), CounterpartyName = "Customer " + (i % 997).ToString(CultureInfo.InvariantCulture) + " GmbH",
                    CounterpartyAccount = "DE89370400440532013000", CounterpartyBank = "COBADEFFXXX",
                    RemittanceInformation = "Invoice INV-" + i.ToString(CultureInfo.InvariantCulture) + " customer payment thank you",
                    BankTransactionCode = "PMNT-RCDT-ESCT", SourceKind = "camt.053", SourceBlob = $"{tenant}/{account}/2026/01/01/000000000-pull-{i % 300}",
                }));
            }
            if (inFlight.Count >= 8)
            {
                var done = await Task.WhenAny(inFlight);
                inFlight.Remove(done);
                await done;
            }
            inFlight.Add(table.SubmitTransactionAsync(batch));
        }
        await Task.WhenAll(inFlight);
    }

}
