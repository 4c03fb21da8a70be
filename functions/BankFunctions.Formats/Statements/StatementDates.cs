using System.Globalization;

namespace BankFunctions.Formats.Statements;

internal static class StatementDates
{
    /// <summary>
    /// SWIFT YYMMDD. Years 80–99 are 19xx, the rest 20xx. An impossible day (banks send 30 February for month-end
    /// interest) is read as the last day of that month and reported through <paramref name="warn"/>.
    /// </summary>
    public static DateOnly? ParseYyMmDd(ReadOnlySpan<char> text, Action<string> warn, Func<string> where)
    {
        if (text.Length != 6 || !AllDigits(text))
        {
            return null;
        }
        var yy = int.Parse(text[..2], CultureInfo.InvariantCulture);
        return Build(yy < 80 ? 2000 + yy : 1900 + yy, int.Parse(text.Slice(2, 2), CultureInfo.InvariantCulture),
            int.Parse(text.Slice(4, 2), CultureInfo.InvariantCulture), warn, where);
    }

    public static DateOnly? Build(int year, int month, int day, Action<string> warn, Func<string> where)
    {
        if (month is < 1 or > 12 || day < 1 || day > 31)
        {
            return null;
        }
        var last = DateTime.DaysInMonth(year, month);
        if (day > last)
        {
            warn($"{where()}: date {year:D4}-{month:D2}-{day:D2} does not exist; read as {year:D4}-{month:D2}-{last:D2}");
            day = last;
        }
        return new DateOnly(year, month, day);
    }

    public static bool AllDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }
        return true;
    }
}
