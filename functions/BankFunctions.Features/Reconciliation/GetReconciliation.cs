using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using BankFunctions.Features.Accounts;
using BankFunctions.Features.Http;
using BankFunctions.Features.Runtime;
using BankFunctions.Features.Statements;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Reconciliation;

/// <summary>
/// GET /v1/accounts/{id}/reconciliation?from&amp;to (viewer): per day, oldest first, the booked opening and closing
/// balance the day's statements gave (<see cref="DayBalanceStore"/>) and the count and sum of matched, unmatched and
/// pending entries (<see cref="DayTally"/>). JSON by default, CSV for <c>Accept: text/csv</c>; written day by day as the
/// entries are read, so a year's window streams. Bad from/to is a 400 naming the field, before anything is read.
/// </summary>
public sealed class GetReconciliation(AccountCache accounts, DayBalanceStore balances, DayEntries entries) : IHttpHandler
{
    public static readonly IReadOnlyList<string> Parameters = ["from", "to"];

    public static readonly string CsvHeader = Csv.Line("date", "currency", "opening_booked", "closing_booked", "matched_count", "matched_sum",
        "unmatched_count", "unmatched_sum", "pending_count", "pending_sum", "unexplained", "opening_source", "closing_source");

    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var window = ReportWindow.FromQuery(context, new Validation());
        var target = await TenantAccount.FromRouteAsync(context, accounts, cancellationToken);
        var stored = await balances.ReadAsync(target.Partition, window.From, window.To, cancellationToken);
        var minorUnits = Currencies.Find(target.Account.Currency)?.MinorUnits ?? 2;
        var days = DaysAsync(target, window, stored, minorUnits, cancellationToken);
        return Csv.Preferred(context.Request)
            ? Results.Stream(stream => WriteCsvAsync(stream, target.Account.Currency, days, cancellationToken), Csv.ContentType + "; charset=utf-8")
            : Results.Stream(stream => WriteJsonAsync(stream, target, window, days, cancellationToken), "application/json; charset=utf-8");
    }

    private async IAsyncEnumerable<ReconciliationDay> DaysAsync(TenantAccount target, ReportWindow window,
        Dictionary<DateOnly, Storage.Rows.DayBalanceRow> stored, int minorUnits, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var day in window.Days)
        {
            HashSet<string>? settled = null;
            var tally = new DayTally(day);
            await foreach (var page in entries.PagesAsync(target.Partition, day, cancellationToken))
            {
                // A day without entries needs no settlement guards (most days of a long window).
                settled ??= page.Count == 0 ? null : await entries.SettledAsync(target.TenantId, target.Account.AccountId, day, cancellationToken);
                foreach (var row in page)
                {
                    tally.Add(TalliedEntry.From(row, settled!.Contains(row.RowKey)));
                }
            }
            var balance = stored.GetValueOrDefault(day);
            yield return tally.Close(DayBalances.Value(balance?.Opening), DayBalances.Value(balance?.Closing), minorUnits, balance?.OpeningSource, balance?.ClosingSource);
        }
    }

    private static async Task WriteJsonAsync(Stream stream, TenantAccount target, ReportWindow window, IAsyncEnumerable<ReconciliationDay> days, CancellationToken cancellationToken)
    {
        // The serializer flushes its writer synchronously and the response takes asynchronous writes only: each day is
        // written into a buffer that is then handed on.
        var buffer = new ArrayBufferWriter<byte>();
        await using var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = ApiJson.Options.Encoder });
        json.WriteStartObject();
        json.WriteString("accountId", target.Account.AccountId);
        json.WriteString("currency", target.Account.Currency);
        json.WriteString("from", Day(window.From));
        json.WriteString("to", Day(window.To));
        json.WriteStartArray("days");
        await foreach (var day in days.WithCancellation(cancellationToken))
        {
            JsonSerializer.Serialize(json, day, ApiJson.Options);
            await HandOnAsync(json, buffer, stream, cancellationToken);
        }
        json.WriteEndArray();
        json.WriteEndObject();
        await HandOnAsync(json, buffer, stream, cancellationToken);
    }

    private static async Task HandOnAsync(Utf8JsonWriter json, ArrayBufferWriter<byte> buffer, Stream stream, CancellationToken cancellationToken)
    {
        json.Flush();
        await stream.WriteAsync(buffer.WrittenMemory, cancellationToken);
        await stream.FlushAsync(cancellationToken);
        buffer.ResetWrittenCount();
    }

    private static async Task WriteCsvAsync(Stream stream, string currency, IAsyncEnumerable<ReconciliationDay> days, CancellationToken cancellationToken)
    {
        await using var csv = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true);
        await csv.WriteAsync(CsvHeader);
        await foreach (var d in days.WithCancellation(cancellationToken))
        {
            await csv.WriteAsync(CsvRow(d, currency));
            await csv.FlushAsync(cancellationToken);
        }
    }

    public static string CsvRow(ReconciliationDay d, string currency) => Csv.Line(d.Date, currency, Csv.Field(d.OpeningBooked), Csv.Field(d.ClosingBooked),
        Count(d.Matched), d.Matched.Sum, Count(d.Unmatched), d.Unmatched.Sum, Count(d.Pending), d.Pending.Sum, Csv.Field(d.Unexplained),
        Csv.Text(d.OpeningSource), Csv.Text(d.ClosingSource));

    private static string Count(EntryTally t) => t.Count.ToString(CultureInfo.InvariantCulture);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
