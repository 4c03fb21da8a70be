using System.Globalization;

namespace BankFunctions.Formats.Statements.Mt940;

internal static class SwiftAmount
{
    /// <summary>
    /// SWIFT 15d: digits with exactly one comma as decimal mark, decimals as given ("6," is 6, "1125250,4" is 1125250.4).
    /// Returns null when <paramref name="text"/> is not of that form.
    /// </summary>
    public static decimal? Parse(ReadOnlySpan<char> text)
    {
        var comma = text.IndexOf(',');
        if (text.IsEmpty || comma <= 0 || text.LastIndexOf(',') != comma || text.Length > 20)
        {
            return null;
        }
        var whole = text[..comma];
        var fraction = text[(comma + 1)..];
        if (!StatementDates.AllDigits(whole) || !StatementDates.AllDigits(fraction) || fraction.Length > 10)
        {
            return null;
        }
        Span<char> buffer = stackalloc char[text.Length];
        text.CopyTo(buffer);
        buffer[comma] = '.';
        return decimal.Parse(buffer, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
    }
}
