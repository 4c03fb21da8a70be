namespace BankFunctions.Formats.Statements.Mt940;

/// <summary>
/// :61: statement line, 6!n[4!n]2a[1!a]15d1!a3!c16x[//16x] then an optional second line [34x]:
/// value date, entry date, D/C mark (C, D, RC, RD), funds code, amount, transaction type, customer reference,
/// bank reference, supplementary details.
/// </summary>
internal static class Mt940EntryReader
{
    public static StatementEntry Read(FieldLines lines, FieldLocation where, string? currency, List<StatementWarning> warnings, out bool transactionTypeMissing)
    {
        var text = lines[0];
        var supplementaryFrom = 1;
        if (lines.Count > 1 && text.Length <= 14 && text.Length > 0 && text[^1] is 'C' or 'D' or 'R')
        {
            // Sparkasse breaks the line right after the D/C mark; the amount continues on the next line.
            warnings.Add(StatementWarningCodes.EntryLineContinued, $"{where}: statement line continues on the next line after the D/C mark; lines joined");
            text = lines.Concatenated(0, 2);
            supplementaryFrom = 2;
        }
        transactionTypeMissing = false;
        var p = 0;

        if (text.Length < 6 || !StatementDates.AllDigits(text[..6]))
        {
            throw Fail(where, 0, "value date YYMMDD", text);
        }
        var valueDate = StatementDates.ParseYyMmDd(text[..6], warnings, where)
            ?? throw Fail(where, 0, "a valid value date YYMMDD", text);
        p = 6;

        DateOnly? bookingDate = null;
        if (text.Length >= p + 4 && StatementDates.AllDigits(text.Slice(p, 4)))
        {
            var month = StatementDates.TwoDigits(text, p);
            var day = StatementDates.TwoDigits(text, p + 2);
            // The entry date has no year: it is the value date's year unless the two straddle a year end
            // (value 31 Dec, entry 2 Jan → next year; value 2 Jan, entry 31 Dec → previous year).
            var year = valueDate.Year + (month - valueDate.Month > 6 ? -1 : valueDate.Month - month > 6 ? 1 : 0);
            bookingDate = StatementDates.Build(year, month, day, warnings, where);
            if (bookingDate is null)
            {
                warnings.Add(StatementWarningCodes.EntryDateFromValueDate, $"{where}: entry date '{text.Slice(p, 4)}' is not a valid MMDD; booking date taken from the value date {valueDate:yyyy-MM-dd}");
                bookingDate = valueDate;
            }
            p += 4;
        }
        else
        {
            // Citi and ASN pad the missing entry date with spaces.
            while (p < text.Length && text[p] == ' ') p++;
            warnings.Add(StatementWarningCodes.EntryDateFromValueDate, $"{where}: no entry date; booking date taken from the value date {valueDate:yyyy-MM-dd}");
            bookingDate = valueDate;
        }

        var reversal = false;
        if (p + 1 < text.Length && text[p] == 'R' && text[p + 1] is 'C' or 'D')
        {
            reversal = true;
            p++;
        }
        else if (p + 1 < text.Length && text[p] == 'E' && text[p + 1] is 'C' or 'D')
        {
            p++;
        }
        if (p >= text.Length || text[p] is not ('C' or 'D'))
        {
            throw Fail(where, p, "debit/credit mark C, D, RC or RD", text);
        }
        // RC = reversal of a credit (money leaves the account), RD = reversal of a debit (money comes back).
        var isCredit = text[p] == 'C' ^ reversal;
        p++;

        string? fundsCode = null;
        if (p < text.Length && char.IsAsciiLetter(text[p]))
        {
            fundsCode = ShortStrings.Get(text.Slice(p, 1));
            p++;
        }

        var amountStart = p;
        while (p < text.Length && (char.IsAsciiDigit(text[p]) || text[p] == ','))
        {
            p++;
        }
        while (p < text.Length && text[p] == '.' && p > amountStart)
        {
            p++;
            while (p < text.Length && char.IsAsciiDigit(text[p])) p++;
        }
        var amount = SwiftAmount.Parse(text[amountStart..p], warnings, where)
            ?? throw Fail(where, amountStart, "amount with decimal comma (15d, e.g. 1234,56)", text);

        string? transactionType = null;
        if (text[p..].StartsWith("//", StringComparison.Ordinal))
        {
            // Zenith Bank: "CN220000,00//19239782213": the bank reference follows the amount straight away, with neither
            // transaction type nor customer reference (both mandatory in 1!a3!c16x).
            transactionTypeMissing = true; // the caller warns (once per statement) or refuses
        }
        else
        {
            if (p + 4 > text.Length)
            {
                throw Fail(where, p, "transaction type (N, F or S followed by 3 characters, e.g. NTRF)", text);
            }
            transactionType = ShortStrings.Get(text.Slice(p, 4));
            if (transactionType[0] is not ('N' or 'F' or 'S'))
            {
                warnings.Add(StatementWarningCodes.EntryTransactionType, $"{where}: transaction type '{transactionType}' does not start with N, F or S");
            }
            p += 4;
        }

        var rest = text[p..];
        var split = rest.IndexOf("//", StringComparison.Ordinal);
        var customerReference = (split >= 0 ? rest[..split] : rest).Trim();
        var bankReference = split >= 0 ? rest[(split + 2)..].Trim() : [];
        var supplementary = lines.Joined(supplementaryFrom).Trim();

        return new StatementEntry
        {
            Amount = isCredit ? amount : -amount,
            Currency = currency,
            BookingDate = bookingDate,
            ValueDate = valueDate,
            Status = EntryStatus.Booked,
            CustomerReference = customerReference is "" or "NONREF" ? null : customerReference.ToString(),
            BankReference = bankReference.IsEmpty ? null : bankReference.ToString(),
            BankTransactionCode = transactionType,
            IsReversal = reversal,
            FundsCode = fundsCode,
            SupplementaryDetails = supplementary.IsEmpty ? null : supplementary.ToString(),
        };
    }

    private static StatementFormatException Fail(FieldLocation where, int column, string expected, ReadOnlySpan<char> text) =>
        new($"{where} column {column + 1}: expected {expected}, found '{(column < text.Length ? text[column..] : "end of line")}' in '{text}'");
}
