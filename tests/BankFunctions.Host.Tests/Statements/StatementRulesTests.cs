using BankFunctions.Features.Statements;
using BankFunctions.Formats.Statements;

namespace BankFunctions.Host.Tests.Statements;

/// <summary>The pure rules behind statement storage: entry keys, sequence numbers, pull schedules.</summary>
public sealed class StatementRulesTests
{
    private static StatementEntry Entry(decimal amount, string? bankReference = null, string? remittance = null) => new()
    {
        Amount = amount, Status = EntryStatus.Booked, BookingDate = new DateOnly(2026, 11, 27), ValueDate = new DateOnly(2026, 11, 27),
        BankReference = bankReference, RemittanceInformation = remittance,
    };

    [Fact]
    public void The_bank_reference_is_the_key_whatever_else_differs()
    {
        var a = new EntryKeys().Next(Entry(-10m, "ISO2026112700000001", "first text"), "EUR");
        var b = new EntryKeys().Next(Entry(-10m, "ISO2026112700000001", "corrected text") with { Status = EntryStatus.Pending }, "EUR");
        Assert.Equal("r-ISO2026112700000001", a);
        Assert.Equal(a, b);
    }

    [Fact]
    public void References_a_table_key_cannot_hold_are_hashed()
    {
        var key = new EntryKeys().Next(Entry(-10m, "A/B#C?D"), "EUR");
        Assert.StartsWith("r-x", key, StringComparison.Ordinal);
        Assert.DoesNotContain('/', key);
        Assert.Equal(key, new EntryKeys().Next(Entry(-10m, "A/B#C?D"), "EUR"));
    }

    [Fact]
    public void Without_a_reference_equal_content_gets_one_key_per_occurrence_in_file_order()
    {
        var keys = new EntryKeys();
        var first = keys.Next(Entry(-3.2m, remittance: "Coffee"), "EUR");
        var second = keys.Next(Entry(-3.20m, remittance: "Coffee"), "EUR");
        Assert.StartsWith("h-", first, StringComparison.Ordinal);
        Assert.Equal(first + "~1", second);

        var again = new EntryKeys();
        Assert.Equal(first, again.Next(Entry(-3.20m, remittance: "Coffee"), "EUR"));
        Assert.NotEqual(first, again.Next(Entry(-3.20m, remittance: "Tea"), "EUR"));
        Assert.NotEqual(first, new EntryKeys().Next(Entry(-3.20m, remittance: "Coffee"), "USD"));
    }

    [Theory]
    [InlineData("00012/001", 12L)]
    [InlineData("12", 12L)]
    [InlineData(" 7 ", 7L)]
    [InlineData("ABC", null)]
    [InlineData(null, null)]
    public void Statement_numbers_are_read_from_mt940_and_camt_sequences(string? sequence, long? expected) =>
        Assert.Equal(expected, StatementWarnings.SequenceNumber(sequence));

    [Fact]
    public void Accounts_are_due_every_15_minutes_unless_their_own_schedule_says_otherwise()
    {
        var tick = new DateTime(2026, 11, 29, 10, 15, 0, DateTimeKind.Utc);
        Assert.True(ScheduleStatementPulls.IsDue(null, tick.AddMinutes(-5), tick));
        Assert.False(ScheduleStatementPulls.IsDue(null, tick, tick.AddMinutes(5)));
        Assert.True(ScheduleStatementPulls.IsDue("0 20 10 * * *", tick, tick.AddMinutes(5)));
        Assert.False(ScheduleStatementPulls.IsDue("0 0 6 * * *", tick, tick.AddMinutes(5)));
        Assert.False(ScheduleStatementPulls.IsValidSchedule("every hour"));
    }
}
