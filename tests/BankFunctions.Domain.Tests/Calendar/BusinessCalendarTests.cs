using Xunit;
using BankFunctions.Domain.Calendar;

namespace BankFunctions.Domain.Tests.Calendar;

/// <summary>
/// The execution-date rule at fixed instants: weekends, holidays, the cut-off exactly at / just before / just after,
/// and the bank's own date across the UTC date boundary. December 2026: Berlin is UTC+1, Shanghai UTC+8;
/// 2026-12-03 is a Thursday.
/// </summary>
public sealed class BusinessCalendarTests
{
    private static readonly BusinessCalendar Berlin = new(
        TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"), new TimeOnly(15, 0), BusinessCalendar.Weekdays,
        new HashSet<DateOnly> { new(2026, 12, 24), new(2026, 12, 25) });

    private static readonly BusinessCalendar Shanghai = new(
        TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"), new TimeOnly(16, 0), BusinessCalendar.Weekdays, new HashSet<DateOnly>());

    private static DateTimeOffset Utc(string instant) => DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture);

    private static DateOnly Day(string day) => DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void A_business_day_before_the_cut_off_is_kept() =>
        Assert.Equal(Day("2026-12-03"), Berlin.ExecutionDate(Day("2026-12-03"), Utc("2026-12-03T09:00:00Z")));

    [Theory]
    [InlineData("2026-12-05")] // Saturday
    [InlineData("2026-12-06")] // Sunday
    public void A_weekend_day_moves_to_monday(string requested) =>
        Assert.Equal(Day("2026-12-07"), Berlin.ExecutionDate(Day(requested), Utc("2026-12-03T09:00:00Z")));

    [Fact]
    public void A_holiday_moves_past_the_holidays_and_the_weekend_after_them() =>
        // 24th and 25th are holidays, 26th/27th the weekend.
        Assert.Equal(Day("2026-12-28"), Berlin.ExecutionDate(Day("2026-12-24"), Utc("2026-12-03T09:00:00Z")));

    [Theory]
    [InlineData("2026-12-03T13:59:59Z", "2026-12-03")] // 14:59:59 Berlin: before the cut-off
    [InlineData("2026-12-03T14:00:00Z", "2026-12-04")] // 15:00:00 Berlin: at the cut-off is too late
    [InlineData("2026-12-03T14:00:01Z", "2026-12-04")] // after it
    public void Today_moves_to_the_next_business_day_at_and_after_the_cut_off(string now, string expected) =>
        Assert.Equal(Day(expected), Berlin.ExecutionDate(Day("2026-12-03"), Utc(now)));

    [Fact]
    public void The_cut_off_of_a_friday_moves_past_the_weekend() =>
        Assert.Equal(Day("2026-12-07"), Berlin.ExecutionDate(Day("2026-12-04"), Utc("2026-12-04T16:00:00Z")));

    [Fact]
    public void The_cut_off_applies_to_today_only() =>
        Assert.Equal(Day("2026-12-04"), Berlin.ExecutionDate(Day("2026-12-04"), Utc("2026-12-03T20:00:00Z")));

    [Fact]
    public void Today_is_the_banks_date_not_utcs()
    {
        // 17:00 UTC on Thursday is 01:00 on Friday in Shanghai.
        var now = Utc("2026-12-03T17:00:00Z");
        Assert.Equal(Day("2026-12-04"), Shanghai.Today(now));
        Assert.Equal(Day("2026-12-03"), Berlin.Today(now));
        // The caller's (UTC) today is already yesterday at the bank: the bank executes on its today.
        Assert.Equal(Day("2026-12-04"), Shanghai.ExecutionDate(Day("2026-12-03"), now));
    }

    [Fact]
    public void The_cut_off_is_read_on_the_banks_clock()
    {
        // 08:30 UTC on Friday is 16:30 in Shanghai (past its 16:00 cut-off) but 09:30 in Berlin (before its 15:00 one).
        var now = Utc("2026-12-04T08:30:00Z");
        Assert.Equal(Day("2026-12-07"), Shanghai.ExecutionDate(Day("2026-12-04"), now));
        Assert.Equal(Day("2026-12-04"), Berlin.ExecutionDate(Day("2026-12-04"), now));
    }

    [Fact]
    public void A_bank_open_every_day_without_cut_off_keeps_every_date()
    {
        var always = new BusinessCalendar(TimeZoneInfo.Utc, null, Enum.GetValues<DayOfWeek>().ToHashSet(), new HashSet<DateOnly>());
        Assert.Equal(Day("2026-12-05"), always.ExecutionDate(Day("2026-12-05"), Utc("2026-12-05T23:59:59Z")));
    }
}
