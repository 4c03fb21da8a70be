namespace BankFunctions.Formats.Statements.Mt940;

internal static class SwiftAmount
{
    private const int MaxLength = 20;
    private const int MaxDecimals = 10;

    /// <summary>
    /// SWIFT 15d: digits with exactly one comma as decimal mark, decimals as given ("6," is 6, "1125250,4" is 1125250.4).
    /// Returns null when <paramref name="text"/> is not of that form.
    /// </summary>
    public static decimal? Parse(ReadOnlySpan<char> text)
    {
        var comma = text.IndexOf(',');
        if (text.IsEmpty || comma <= 0 || text.LastIndexOf(',') != comma || text.Length > MaxLength)
        {
            return null;
        }
        var whole = text[..comma];
        var fraction = text[(comma + 1)..];
        if (!StatementDates.AllDigits(whole) || !StatementDates.AllDigits(fraction) || fraction.Length > MaxDecimals)
        {
            return null;
        }
        // At most 19 digits fit in a ulong; the scale keeps the decimals as written (1234,50 stays 1234.50).
        var digits = 0UL;
        foreach (var c in whole)
        {
            digits = digits * 10 + (ulong)(c - '0');
        }
        foreach (var c in fraction)
        {
            digits = digits * 10 + (ulong)(c - '0');
        }
        return new decimal((int)digits, (int)(digits >> 32), 0, false, (byte)fraction.Length);
    }

    /// <summary>
    /// As <see cref="Parse(ReadOnlySpan{char})"/>, but also accepts what some banks send instead (Rabobank's legacy
    /// '.' decimal mark, Knab's whole amounts without comma) when the value is still unambiguous, with a warning that
    /// starts with <paramref name="where"/>.
    /// </summary>
    public static decimal? Parse(ReadOnlySpan<char> text, List<StatementWarning> warnings, object where)
    {
        if (text.IndexOf(',') < 0 && text.Length is > 0 and <= MaxLength && Lenient(text) is { } value)
        {
            warnings.Add(StatementWarningCodes.AmountNotSwiftForm, $"{where}: amount '{text}' is not in SWIFT form (digits with one decimal comma); read as {value}");
            return value;
        }
        return Parse(text);
    }

    /// <summary>A whole amount without comma ("1234") or with a single '.' as decimal mark ("1234.56").</summary>
    private static decimal? Lenient(ReadOnlySpan<char> text)
    {
        var dot = text.IndexOf('.');
        if (dot == 0 || (dot > 0 && text.LastIndexOf('.') != dot))
        {
            return null;
        }
        Span<char> swift = stackalloc char[MaxLength + 1];
        text.CopyTo(swift);
        if (dot < 0)
        {
            swift[text.Length] = ',';
            return Parse(swift[..(text.Length + 1)]);
        }
        swift[dot] = ',';
        return Parse(swift[..text.Length]);
    }
}
