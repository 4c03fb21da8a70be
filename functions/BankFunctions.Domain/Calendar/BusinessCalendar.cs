namespace BankFunctions.Domain.Calendar;

/// <summary>
/// A bank's business days and its same-day payment cut-off, in the bank's own time zone: the date a payment will be
/// executed on is the bank's business day, not the caller's (ISO 20022 ReqdExctnDt is a date at the debtor's bank).
/// Pure: the instant comes from the caller's clock.
/// </summary>
public sealed record BusinessCalendar(TimeZoneInfo TimeZone, TimeOnly? CutOff, IReadOnlySet<DayOfWeek> BusinessDays, IReadOnlySet<DateOnly> Holidays)
{
    /// <summary>Monday to Friday: weekends are no business days unless a bank says otherwise.</summary>
    public static IReadOnlySet<DayOfWeek> Weekdays { get; } = new HashSet<DayOfWeek>
    {
        DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday,
    };

    /// <summary>The bank's calendar date at <paramref name="now"/>.</summary>
    public DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, TimeZone).DateTime);

    public bool IsBusinessDay(DateOnly day) => BusinessDays.Contains(day.DayOfWeek) && !Holidays.Contains(day);

    /// <summary>
    /// The day the bank will execute a payment asked for <paramref name="requested"/>: the next business day when that
    /// day is a weekend day or holiday, or is today and the cut-off has passed (a payment received at the cut-off
    /// itself is too late: the cut-off is the last moment the bank still takes same-day payments, exclusive).
    /// </summary>
    public DateOnly ExecutionDate(DateOnly requested, DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now, TimeZone).DateTime;
        var today = DateOnly.FromDateTime(local);
        var day = requested < today ? today : requested;
        if (day == today && CutOff is { } cutOff && TimeOnly.FromDateTime(local) >= cutOff)
        {
            day = day.AddDays(1);
        }
        // Terminates: a calendar has at least one business weekday (checked where it is built) and finitely many holidays.
        while (!IsBusinessDay(day))
        {
            day = day.AddDays(1);
        }
        return day;
    }
}
