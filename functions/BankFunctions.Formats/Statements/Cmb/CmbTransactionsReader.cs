using System.Globalization;
using System.Text.Json;

namespace BankFunctions.Formats.Statements.Cmb;

/// <summary>
/// Reads CMB DCTRSINF response bodies (BANKS.md §B): ntqtsinfz rows with trsdat, trstim, refnbr, yurref, trsamt
/// (signed), amtcdr (C/D), rpyacc, rpynam, rpybnk, naryur, blvamt (balance after the transaction). Accepts a body,
/// a whole response {"response":{"body":…}} or a JSON array of pages; all rows form one statement.
/// The opening and closing balances are derived from blvamt, and every row's blvamt is checked against the running sum.
/// </summary>
internal static class CmbTransactionsReader
{
    private const long MaxPageBytes = 64L * 1024 * 1024;

    public static ParseResult Read(Stream stream, string? fileName, StatementParseOptions options)
    {
        var file = fileName ?? "<input>";
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(new LimitedStream(stream, MaxPageBytes, file), new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException ex)
        {
            throw new StatementFormatException($"{file}: line {(ex.LineNumber ?? 0) + 1}, byte {(ex.BytePositionInLine ?? 0) + 1}: malformed JSON: {ex.Message}", ex);
        }
        using (document)
        {
            var warnings = new List<StatementWarning>();
            var entries = new List<StatementEntry>();
            var balancesAfter = new List<decimal?>();
            var pages = document.RootElement.ValueKind == JsonValueKind.Array
                ? document.RootElement.EnumerateArray().ToList()
                : [document.RootElement];
            for (var pageIndex = 0; pageIndex < pages.Count; pageIndex++)
            {
                var body = Body(pages[pageIndex]);
                var pagePath = pages.Count > 1 ? $"$[{pageIndex}]" : "$";
                if (body is null || !body.Value.TryGetProperty("ntqtsinfz", out var rows) || rows.ValueKind != JsonValueKind.Array)
                {
                    throw new StatementFormatException($"{file}: {pagePath}: expected a DCTRSINF body with an array 'ntqtsinfz', none found");
                }
                var rowIndex = 0;
                foreach (var row in rows.EnumerateArray())
                {
                    var path = $"{file}: {pagePath}.ntqtsinfz[{rowIndex++}]";
                    StatementEntry entry;
                    decimal? balanceAfter;
                    try
                    {
                        (entry, balanceAfter) = ReadRow(row, path, warnings);
                    }
                    catch (StatementFormatException ex) when (!ex.Message.StartsWith(file, StringComparison.Ordinal))
                    {
                        throw new StatementFormatException($"{path}: {ex.Message}", ex);
                    }
                    entries.Add(entry);
                    balancesAfter.Add(balanceAfter);
                }
            }
            if (entries.Count == 0)
            {
                warnings.Add(StatementWarningCodes.NoTransactions, $"{file}: no transactions in ntqtsinfz");
            }

            StatementBalance? opening = null, closing = null;
            if (balancesAfter.Count > 0 && balancesAfter.All(b => b is not null))
            {
                opening = new StatementBalance { Type = "derived-opening", Value = balancesAfter[0]!.Value - entries[0].Amount, Date = entries[0].BookingDate };
                closing = new StatementBalance { Type = "derived-closing", Value = balancesAfter[^1]!.Value, Date = entries[^1].BookingDate };
                var running = opening.Value;
                for (var i = 0; i < entries.Count; i++)
                {
                    running += entries[i].Amount;
                    if (running != balancesAfter[i])
                    {
                        warnings.Add(StatementWarningCodes.BalanceRunningMismatch, $"{file}: ntqtsinfz[{i}]: blvamt {balancesAfter[i]} differs from the running balance {running}");
                        running = balancesAfter[i]!.Value;
                    }
                }
            }
            else if (balancesAfter.Any(b => b is null))
            {
                warnings.Add(StatementWarningCodes.BalanceNotDerived, $"{file}: some rows have no blvamt; balances not derived");
            }

            var collector = new EntryCollector(options, 0);
            entries.ForEach(collector.Add);
            var statement = new Statement
            {
                Kind = StatementKinds.Cmb,
                From = entries.FirstOrDefault()?.BookingDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                To = entries.LastOrDefault()?.BookingDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                OpeningBalance = opening,
                ClosingBalance = closing,
                Balances = opening is null ? [] : [opening, closing!],
                Entries = collector.Entries,
                EntryCount = collector.Count,
                Warnings = warnings,
            };
            var statements = new StatementCollector(options);
            statements.Add(statement);
            return new ParseResult { Format = StatementKinds.Cmb, Statements = statements.Statements };
        }
    }

    private static JsonElement? Body(JsonElement page)
    {
        if (page.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        if (page.TryGetProperty("response", out var response) && response.ValueKind == JsonValueKind.Object
            && response.TryGetProperty("body", out var body) && body.ValueKind == JsonValueKind.Object)
        {
            return body;
        }
        if (page.TryGetProperty("body", out var plainBody) && plainBody.ValueKind == JsonValueKind.Object)
        {
            return plainBody;
        }
        return page;
    }

    private static (StatementEntry Entry, decimal? BalanceAfter) ReadRow(JsonElement row, string path, List<StatementWarning> warnings)
    {
        if (row.ValueKind != JsonValueKind.Object)
        {
            throw new StatementFormatException($"{path}: expected an object");
        }
        var amountText = Text(row, "trsamt") ?? throw new StatementFormatException($"{path}.trsamt: expected the signed transaction amount, none found");
        var amount = ParseDecimal(amountText) ?? throw new StatementFormatException($"{path}.trsamt: expected a decimal amount such as -1250.00, found '{amountText}'");
        var direction = Text(row, "amtcdr");
        switch (direction)
        {
            case "C" when amount < 0:
            case "D" when amount > 0 && amountText.StartsWith('+'):
                throw new StatementFormatException($"{path}: trsamt {amountText} contradicts amtcdr '{direction}'");
            case "D" when amount > 0:
                warnings.Add(StatementWarningCodes.AmountSignFromIndicator, $"{path}: trsamt {amountText} has no sign but amtcdr is D; read as a debit");
                amount = -amount;
                break;
            case "C" or "D" or null:
                break;
            default:
                throw new StatementFormatException($"{path}.amtcdr: expected C or D, found '{direction}'");
        }

        var dateText = Text(row, "trsdat");
        DateOnly? date = null;
        if (dateText is not null)
        {
            if (DateOnly.TryParseExact(dateText, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)) date = parsed;
            else warnings.Add(StatementWarningCodes.DateUnreadable, $"{path}.trsdat: unreadable date '{dateText}' ignored");
        }
        decimal? balanceAfter = null;
        if (Text(row, "blvamt") is { } balanceText)
        {
            balanceAfter = ParseDecimal(balanceText) ?? throw new StatementFormatException($"{path}.blvamt: expected a decimal balance, found '{balanceText}'");
        }
        string? name = Text(row, "rpynam"), account = Text(row, "rpyacc"), bank = Text(row, "rpybnk");
        return (new StatementEntry
        {
            Amount = amount,
            BookingDate = date,
            ValueDate = date,
            Status = EntryStatus.Booked,
            BankReference = Text(row, "refnbr"),
            CustomerReference = Text(row, "yurref"),
            Counterparty = name is null && account is null && bank is null ? null : new Counterparty { Name = name, Account = account, Bank = bank },
            RemittanceInformation = Text(row, "naryur"),
            AdditionalInformation = Text(row, "trstim") is { } time ? "trstim " + time : null,
        }, balanceAfter);
    }

    private static string? Text(JsonElement row, string name)
    {
        if (!row.TryGetProperty(name, out var value))
        {
            return null;
        }
        string? text;
        try
        {
            text = value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            };
        }
        catch (InvalidOperationException ex)
        {
            // JsonDocument validates UTF-8 only when a string is read (found by StatementFuzzTests).
            throw new StatementFormatException($"field '{name}' is not valid UTF-8", ex);
        }
        return string.IsNullOrWhiteSpace(text) ? null : text.Trim();
    }

    private static decimal? ParseDecimal(string text) =>
        text.Length <= 40 && decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) ? value : null;
}
