using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml;
using BankFunctions.Features.Accounts;
using BankFunctions.Features.Http;
using BankFunctions.Features.Runtime;
using BankFunctions.Features.Statements;
using BankFunctions.Formats.Iso20022;
using BankFunctions.Formats.Statements;
using BankFunctions.Storage.Rows;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Reconciliation;

/// <summary>
/// GET /v1/accounts/{id}/transactions/export?from&amp;to&amp;format=csv|camt.053 (viewer): the stored entries of the
/// window, oldest day first, for ERPs that import bank files — read and written a day (and a storage page) at a time.
/// CSV has every entry (booked and pending); camt.053.001.08 is one statement of the window's booked entries between
/// the booked opening balance of <c>from</c> and the booked closing balance of <c>to</c> as the statements gave them —
/// without those two the file could not be a statement, so the export is refused (409) before anything is written.
/// </summary>
public sealed class ExportTransactions(AccountCache accounts, DayBalanceStore balances, DayEntries entries, TimeProvider clock) : IHttpHandler
{
    public const string Camt053 = "camt.053";
    public const string XmlContentType = "application/xml";

    public static readonly IReadOnlyList<string> Parameters = ["from", "to", "format"];

    public static readonly string CsvHeader = Csv.Line("id", "booking_date", "value_date", "status", "amount", "currency", "matched", "payment_ids",
        "bank_reference", "end_to_end_id", "customer_reference", "uetr", "counterparty_name", "counterparty_account", "counterparty_bank",
        "remittance_information", "bank_transaction_code", "is_reversal", "return_reason");

    /// <summary>XmlWriter output is handed to the response in chunks of about this size (the response takes asynchronous writes only).</summary>
    private const int ChunkBytes = 64 * 1024;

    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var v = new Validation();
        var format = context.Request.Query["format"].ToString() is { Length: > 0 } f ? f : "csv";
        if (format is not ("csv" or Camt053))
        {
            v.Add("format", "must be csv or camt.053.");
        }
        var window = ReportWindow.FromQuery(context, v);
        var target = await TenantAccount.FromRouteAsync(context, accounts, cancellationToken);
        var name = $"{target.Account.AccountId}-{window.From:yyyyMMdd}-{window.To:yyyyMMdd}";
        if (format == "csv")
        {
            return Results.Stream(stream => WriteCsvAsync(stream, target, window, cancellationToken), Csv.ContentType + "; charset=utf-8", name + ".csv");
        }
        var statement = await StatementAsync(target, window, cancellationToken);
        return Results.Stream(stream => WriteCamtAsync(stream, target, window, statement, cancellationToken), XmlContentType + "; charset=utf-8", name + ".xml");
    }

    /// <summary>
    /// The statement's bounds: the opening booked of <c>from</c> (else the closing booked of the day before — the same
    /// balance) and the closing booked of <c>to</c> (else the opening booked of the day after).
    /// </summary>
    private async Task<Camt053Statement> StatementAsync(TenantAccount target, ReportWindow window, CancellationToken cancellationToken)
    {
        var days = await balances.ReadAsync(target.Partition, window.From.AddDays(-1), window.To.AddDays(1), cancellationToken);
        var opening = DayBalances.Value(days.GetValueOrDefault(window.From)?.Opening) ?? DayBalances.Value(days.GetValueOrDefault(window.From.AddDays(-1))?.Closing);
        var closing = DayBalances.Value(days.GetValueOrDefault(window.To)?.Closing) ?? DayBalances.Value(days.GetValueOrDefault(window.To.AddDays(1))?.Opening);
        var missing = new List<string>();
        if (opening is null)
        {
            missing.Add($"the booked opening balance of {window.From:yyyy-MM-dd}");
        }
        if (closing is null)
        {
            missing.Add($"the booked closing balance of {window.To:yyyy-MM-dd}");
        }
        if (missing.Count > 0)
        {
            throw new ProblemException(Problem.InvalidState(
                $"A camt.053 statement needs {string.Join(" and ", missing)}, and no statement stored for this account gives it. Import or pull the statements of those days, or export format=csv."));
        }
        var now = clock.GetUtcNow();
        var account = target.Account;
        return new Camt053Statement($"EXP{now:yyyyMMddHHmmssfff}", now, $"{window.From:yyyyMMdd}-{window.To:yyyyMMdd}",
            window.From, window.To, account.Iban ?? account.AccountNumber ?? account.AccountId, account.Currency,
            Currencies.Find(account.Currency)?.MinorUnits ?? 2, opening!.Value, closing!.Value);
    }

    private async IAsyncEnumerable<IReadOnlyList<StatementEntryRow>> PagesAsync(TenantAccount target, ReportWindow window,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var day in window.Days)
        {
            await foreach (var page in entries.PagesAsync(target.Partition, day, cancellationToken))
            {
                yield return page;
            }
        }
    }

    private async Task WriteCsvAsync(Stream stream, TenantAccount target, ReportWindow window, CancellationToken cancellationToken)
    {
        await using var csv = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true);
        await csv.WriteAsync(CsvHeader);
        await foreach (var page in PagesAsync(target, window, cancellationToken))
        {
            foreach (var row in page)
            {
                await csv.WriteAsync(CsvRow(row));
            }
            await csv.FlushAsync(cancellationToken);
        }
    }

    public static string CsvRow(StatementEntryRow r) => Csv.Line(
        Csv.Field(r.EntryKey), Csv.Field(r.BookingDate), Csv.Field(r.ValueDate), r.Status, r.Amount, r.Currency, r.Matched ? "true" : "false",
        Csv.Field(r.PaymentIds?.Replace(',', ' ')), Csv.Text(r.BankReference), Csv.Text(r.EndToEndId), Csv.Text(r.CustomerReference), Csv.Text(r.Uetr),
        Csv.Text(r.CounterpartyName), Csv.Text(r.CounterpartyAccount), Csv.Text(r.CounterpartyBank), Csv.Text(r.RemittanceInformation),
        Csv.Text(r.BankTransactionCode), r.IsReversal ? "true" : "false", Csv.Text(r.ReturnReason));

    private async Task WriteCamtAsync(Stream stream, TenantAccount target, ReportWindow window, Camt053Statement statement, CancellationToken cancellationToken)
    {
        // XmlWriter writes synchronously into a buffer that is handed on asynchronously whenever it grows past a chunk.
        using var buffer = new MemoryStream();
        using (var xml = XmlWriter.Create(buffer, Camt053Writer.Settings))
        {
            Camt053Writer.WriteStart(xml, statement);
            await foreach (var page in PagesAsync(target, window, cancellationToken))
            {
                foreach (var row in page.Where(r => r.Status == EntryStatus.Booked))
                {
                    Camt053Writer.WriteEntry(xml, ToEntry(row), statement.Currency, statement.MinorUnits);
                    if (buffer.Length >= ChunkBytes)
                    {
                        await HandOnAsync(xml, buffer, stream, cancellationToken);
                    }
                }
            }
            Camt053Writer.WriteEnd(xml);
            await HandOnAsync(xml, buffer, stream, cancellationToken);
        }
    }

    private static async Task HandOnAsync(XmlWriter xml, MemoryStream buffer, Stream response, CancellationToken cancellationToken)
    {
        xml.Flush();
        await response.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), cancellationToken);
        buffer.SetLength(0);
    }

    /// <summary>A stored entry back in the statement model the writer takes (and our reader returns).</summary>
    public static StatementEntry ToEntry(StatementEntryRow r) => new()
    {
        Amount = decimal.Parse(r.Amount, NumberStyles.Number, CultureInfo.InvariantCulture),
        Currency = r.Currency,
        BookingDate = Date(r.BookingDate),
        ValueDate = Date(r.ValueDate),
        Status = r.Status,
        BankReference = r.BankReference,
        EndToEndId = r.EndToEndId,
        CustomerReference = r.CustomerReference,
        Uetr = r.Uetr,
        Counterparty = r.CounterpartyName is null && r.CounterpartyAccount is null && r.CounterpartyBank is null ? null
            : new Counterparty { Name = r.CounterpartyName, Account = r.CounterpartyAccount, Bank = r.CounterpartyBank },
        RemittanceInformation = r.RemittanceInformation,
        BankTransactionCode = r.BankTransactionCode,
        IsReversal = r.IsReversal,
        ReturnInfo = r.ReturnReason,
        Details = r.Details is null ? [] : JsonSerializer.Deserialize<List<EntryDetail>>(r.Details, StatementJson.Options) ?? [],
    };

    private static DateOnly? Date(string? text) =>
        text is null ? null : DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
