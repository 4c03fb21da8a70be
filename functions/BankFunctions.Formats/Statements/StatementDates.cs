namespace BankFunctions.Formats.Statements;

internal static class StatementDates
{
    /// <summary>
    /// SWIFT YYMMDD. Years 80–99 are 19xx, the rest 20xx. An impossible day (banks send 30 February for month-end
    /// interest) is read as the last day of that month, with a warning that starts with <paramref name="where"/>.
    /// </summary>
    public static DateOnly? ParseYyMmDd(ReadOnlySpan<char> text, List<StatementWarning> warnings, object where)
    {
        if (text.Length != 6 || !AllDigits(text))
        {
            return null;
        }
        var yy = TwoDigits(text, 0);
        return Build(yy < 80 ? 2000 + yy : 1900 + yy, TwoDigits(text, 2), TwoDigits(text, 4), warnings, where);
    }

    public static DateOnly? Build(int year, int month, int day, List<StatementWarning> warnings, object where)
    {
        if (month is < 1 or > 12 || day < 1 || day > 31)
        {
            return null;
        }
        var last = DateTime.DaysInMonth(year, month);
        if (day > last)
        {
            warnings.Add(StatementWarningCodes.DateInvalid, $"{where}: date {year:D4}-{month:D2}-{day:D2} does not exist; read as {year:D4}-{month:D2}-{last:D2}");
            day = last;
        }
        return new DateOnly(year, month, day);
    }

    /// <summary>The number written by the two ASCII digits at <paramref name="index"/> (checked by the caller).</summary>
    public static int TwoDigits(ReadOnlySpan<char> text, int index) => (text[index] - '0') * 10 + (text[index + 1] - '0');

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
