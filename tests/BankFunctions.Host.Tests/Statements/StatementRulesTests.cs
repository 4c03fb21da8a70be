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

    private static readonly DateOnly Day = new(2026, 11, 27);

    [Fact]
    public void An_entry_is_keyed_by_day_signed_amount_and_currency_with_its_occurrence_in_the_file()
    {
        var keys = new EntryKeys();
        var first = keys.Next(Entry(-3.2m, remittance: "Coffee"), "EUR", Day);
        var second = keys.Next(Entry(-3.20m, remittance: "Coffee"), "EUR", Day);
        var credit = keys.Next(Entry(3.2m), "EUR", Day);
        Assert.Equal("20261127.D3.2.EUR.0", first.EntryKey);
        Assert.Equal("20261127.D3.2.EUR.1", second.EntryKey);
        Assert.Equal("20261127.C3.2.EUR.0", credit.EntryKey);
        Assert.Null(first.RefKey);
        Assert.Equal(first.EntryKey, new EntryKeys().Next(Entry(-3.20m, remittance: "Tea"), "EUR", Day).EntryKey);
        Assert.NotEqual(first.Bucket, new EntryKeys().Next(Entry(-3.20m), "USD", Day).Bucket);
    }

    [Fact]
    public void Bank_references_index_entries_and_repeats_in_one_file_are_numbered()
    {
        var keys = new EntryKeys();
        Assert.Equal("r-ISO2026112700000001", keys.Next(Entry(-10m, "ISO2026112700000001"), "EUR", Day).RefKey);
        Assert.Equal("r-ISO2026112700000001~1", keys.Next(Entry(-11m, "ISO2026112700000001"), "EUR", Day).RefKey);
        var odd = new EntryKeys().Next(Entry(-10m, "A/B#C?D"), "EUR", Day).RefKey!;
        Assert.StartsWith("r-x", odd, StringComparison.Ordinal);
        Assert.DoesNotContain('/', odd);
    }

    [Theory]
    [InlineData("ISO2026112700000001", null, "ISO2026112700000001", null, 4)]
    [InlineData("ISO2026112700000", null, "ISO2026112700000001", null, 3)] // MT940 cut the reference to 16 characters
    [InlineData("ISO2026112700000001", null, "ISO2026112700000", null, 3)]
    [InlineData("ISO202611270", null, "ISO2026112700000001", null, -1)]   // too short to be MT940's truncation
    [InlineData("ISO2026112700000001", null, "ISO2026112700000002", null, -1)]
    [InlineData("ISO2026112700000", "E2E-A", "ISO2026112700000001", "E2E-B", -1)] // same truncated reference, other payment
    [InlineData(null, "E2E-A", "ISO2026112700000001", "E2E-A", 2)]
    [InlineData(null, null, null, null, 1)]
    [InlineData("NONREF", null, "ISO2026112700000001", null, 0)]
    public void A_stored_entry_fits_unless_something_both_carry_differs(string? reference, string? endToEnd, string? storedReference, string? storedEndToEnd, int score) =>
        Assert.Equal(score, EntryKeys.Score(reference, endToEnd, storedReference, storedEndToEnd));

    [Fact]
    public void Booked_replaces_pending_and_a_full_reference_replaces_its_truncation()
    {
        Assert.True(EntryKeys.Supersedes(EntryStatus.Booked, "R1", EntryStatus.Pending, "R1"));
        Assert.False(EntryKeys.Supersedes(EntryStatus.Pending, "R1", EntryStatus.Booked, "R1"));
        Assert.True(EntryKeys.Supersedes(EntryStatus.Booked, "ISO2026112700000001", EntryStatus.Booked, "ISO2026112700000"));
        Assert.False(EntryKeys.Supersedes(EntryStatus.Booked, "ISO2026112700000", EntryStatus.Booked, "ISO2026112700000001"));
        Assert.False(EntryKeys.Supersedes(EntryStatus.Booked, "R1", EntryStatus.Booked, "R1"));
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
