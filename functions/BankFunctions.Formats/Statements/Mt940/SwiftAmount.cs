using System.Globalization;

namespace BankFunctions.Formats.Statements.Mt940;

internal static class SwiftAmount
{
    /// <summary>
    /// SWIFT 15d: digits with exactly one comma as decimal mark, decimals as given ("6," is 6, "1125250,4" is 1125250.4).
    /// Returns null when <paramref name="text"/> is not of that form.
    /// </summary>
    public static decimal? Parse(ReadOnlySpan<char> text) => Parse(text, null, "");

    /// <summary>
    /// As <see cref="Parse(ReadOnlySpan{char})"/>, but also accepts what some banks send instead (Rabobank's legacy
    /// '.' decimal mark, Knab's whole amounts without comma) when the value is still unambiguous, with a warning.
    /// </summary>
    public static decimal? Parse(ReadOnlySpan<char> text, List<string>? warnings, string where)
    {
        if (warnings is not null && text.IndexOf(',') < 0 && text.Length is > 0 and <= 20)
        {
            var dot = text.IndexOf('.');
            var lenient = dot < 0 ? text.ToString() + "," : dot > 0 && text.LastIndexOf('.') == dot ? text.ToString().Replace('.', ',') : null;
            if (lenient is not null && Parse(lenient) is { } value)
            {
                warnings.Add($"{where}: amount '{text}' is not in SWIFT form (digits with one decimal comma); read as {value}");
                return value;
            }
        }
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
