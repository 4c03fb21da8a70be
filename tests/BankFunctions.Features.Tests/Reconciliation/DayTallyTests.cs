using BankFunctions.Features.Reconciliation;

namespace BankFunctions.Features.Tests.Reconciliation;

public sealed class DayTallyTests
{
    private static readonly DateOnly Day = new(2026, 12, 3);

    [Fact]
    public void Entries_fall_into_matched_unmatched_and_pending_with_signed_sums()
    {
        var tally = new DayTally(Day);
        tally.Add(new TalliedEntry(-250.00m, Pending: false, Matched: true));
        tally.Add(new TalliedEntry(300.00m, Pending: false, Matched: true));
        tally.Add(new TalliedEntry(12.34m, Pending: false, Matched: false));
        tally.Add(new TalliedEntry(-99.99m, Pending: true, Matched: false));
        // Pending wins over matched: the entry is not booked yet, whatever it was tied to.
        tally.Add(new TalliedEntry(5.00m, Pending: true, Matched: true));

        var day = tally.Close(opening: 1000.00m, closing: 1062.34m, minorUnits: 2, "camt.053 A", "camt.053 B");

        Assert.Equal(new ReconciliationDay("2026-12-03", "1000.00", "1062.34",
            new EntryTally(2, "50.00"), new EntryTally(1, "12.34"), new EntryTally(2, "-94.99"), "0.00", "camt.053 A", "camt.053 B"), day);
    }

    [Fact]
    public void Unexplained_is_what_the_booked_entries_do_not_account_for()
    {
        var tally = new DayTally(Day);
        tally.Add(new TalliedEntry(100m, Pending: false, Matched: false));
        tally.Add(new TalliedEntry(40m, Pending: true, Matched: false));

        // The statement says +150: 50 of it is not among the stored booked entries (pending never counts).
        Assert.Equal("50.00", tally.Close(0m, 150m, 2).Unexplained);
        Assert.Equal("-100.00", new DayTally(Day).Close(1100m, 1000m, 2).Unexplained);
    }

    [Fact]
    public void A_day_without_balances_has_no_balances_sources_or_unexplained_and_zero_tallies()
    {
        var day = new DayTally(Day).Close(null, null, 2, "ignored", "ignored");

        Assert.Equal(new ReconciliationDay("2026-12-03", null, null, new EntryTally(0, "0.00"), new EntryTally(0, "0.00"), new EntryTally(0, "0.00"), null, null, null), day);
        Assert.Null(new DayTally(Day).Close(5m, null, 2).Unexplained);
    }

    [Theory]
    [InlineData(0, "1235")]
    [InlineData(2, "1234.50")]
    [InlineData(3, "1234.500")]
    public void Sums_carry_exactly_the_currencys_minor_units(int minorUnits, string expected)
    {
        var tally = new DayTally(Day);
        tally.Add(new TalliedEntry(1234.5m, Pending: false, Matched: true));

        Assert.Equal(expected, tally.Close(null, null, minorUnits).Matched.Sum);
    }

    [Fact]
    public void A_stored_row_is_matched_when_tied_to_a_payment_or_when_it_settled_an_expected_payment()
    {
        var row = new Storage.Rows.StatementEntryRow { Amount = "-12.50", Status = "booked", Matched = false };

        Assert.Equal(new TalliedEntry(-12.50m, false, false), TalliedEntry.From(row, settled: false));
        Assert.True(TalliedEntry.From(row, settled: true).Matched);
        row.Matched = true;
        Assert.True(TalliedEntry.From(row, settled: false).Matched);
        row.Status = "pending";
        Assert.True(TalliedEntry.From(row, settled: false).Pending);
    }
}
