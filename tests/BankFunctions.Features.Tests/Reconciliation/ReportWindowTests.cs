using BankFunctions.Features.Reconciliation;

namespace BankFunctions.Features.Tests.Reconciliation;

public sealed class ReportWindowTests
{
    [Fact]
    public void A_window_of_up_to_366_days_is_taken_with_its_days_in_order()
    {
        var v = new Validation();
        var window = ReportWindow.Parse("2024-01-01", "2024-12-31", v);

        Assert.True(v.IsValid);
        Assert.Equal(366, window!.Value.Days.Count());
        Assert.Equal(new DateOnly(2024, 1, 1), window.Value.Days.First());
        Assert.Equal(new DateOnly(2024, 12, 31), window.Value.Days.Last());
    }

    [Theory]
    [InlineData(null, "2026-12-01", "from", "is required (yyyy-MM-dd).")]
    [InlineData("2026-12-01", "", "to", "is required (yyyy-MM-dd).")]
    [InlineData("01.12.2026", "2026-12-01", "from", "must be a date, yyyy-MM-dd.")]
    [InlineData("2026-12-01", "2026-02-30", "to", "must be a date, yyyy-MM-dd.")]
    [InlineData("2026-12-02", "2026-12-01", "from", "must not be after 'to'.")]
    [InlineData("2025-01-01", "2026-01-02", "to", "must be at most 366 days from 'from' counting both (asked: 367); ask for several windows.")]
    public void Bad_days_are_named_by_field(string? from, string? to, string field, string message)
    {
        var v = new Validation();

        Assert.Null(ReportWindow.Parse(from, to, v));
        Assert.Equal([message], v.Errors[field]);
    }
}
