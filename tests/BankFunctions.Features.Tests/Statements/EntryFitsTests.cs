using BankFunctions.Features.Statements;
using BankFunctions.Formats.Statements;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Tests.Statements;

/// <summary>
/// When an entry found through its bank reference in another bucket is the same booking (README "Stored once"): same
/// money — amount and currency — and a pending report since booked, a row from before buckets on the same day, or a
/// member of its own bucket behind a gap. Otherwise: a reused reference.
/// </summary>
public sealed class EntryFitsTests
{
    private static StatementEntryRow Row(string amount = "-125.5", string currency = "EUR", string status = EntryStatus.Booked, string day = "2026-12-04",
        string entryKey = "20261204.D125.5.EUR.0", string? reference = "REF-0001", string? endToEnd = null) => new()
    {
        Amount = amount, Currency = currency, Status = status, BookingDate = day, EntryKey = entryKey, BankReference = reference, EndToEndId = endToEnd,
    };

    [Theory]
    [InlineData("-125.5", "EUR", "-125.50", "EUR", true)]
    [InlineData("-125.5", "EUR", "-125.50", "eur", true)]
    [InlineData("-125.5", "EUR", "-125.50", "USD", false)]
    [InlineData("-125.5", "EUR", "125.50", "EUR", false)]
    [InlineData("-125.5", "EUR", "-125.51", "EUR", false)]
    [InlineData("", "EUR", "-125.50", "EUR", false)]
    [InlineData("-125.5", "XYZ", "-125.5", "XYZ", false)]
    public void Same_money_is_amount_and_currency(string storedAmount, string storedCurrency, string amount, string currency, bool same)
    {
        Assert.Equal(same, EntryFits.SameMoney(Row(storedAmount, storedCurrency), Row(amount, currency)));
    }

    [Fact]
    public void A_pending_entry_booked_on_a_later_day_is_the_same_booking()
    {
        var stored = Row(status: EntryStatus.Pending, day: "2026-12-03", entryKey: "20261203.D125.5.EUR.0");
        Assert.True(EntryFits.SameBookingByReference(Row(), "20261204.D125.5.EUR", stored));
    }

    [Fact]
    public void The_same_reference_in_another_currency_is_another_booking()
    {
        var stored = Row(currency: "USD", status: EntryStatus.Pending, day: "2026-12-03", entryKey: "20261203.D125.5.USD.0");
        Assert.False(EntryFits.SameBookingByReference(Row(), "20261204.D125.5.EUR", stored));
    }

    [Fact]
    public void A_late_pending_report_of_a_booked_entry_is_the_booking_it_became()
    {
        var stored = Row(day: "2026-12-05", entryKey: "20261205.D125.5.EUR.0");
        var incoming = Row(status: EntryStatus.Pending, day: "2026-12-04");
        Assert.True(EntryFits.BookedSince(incoming, stored));
        Assert.True(EntryFits.SameBookingByReference(incoming, "20261204.D125.5.EUR", stored));
        Assert.False(EntryFits.BookedSince(Row(status: EntryStatus.Pending, day: "2026-12-06"), stored));
    }

    [Fact]
    public void Two_booked_entries_on_different_days_under_one_reference_are_two_bookings()
    {
        var stored = Row(day: "2026-11-20", entryKey: "20261120.D125.5.EUR.0");
        Assert.False(EntryFits.SameBookingByReference(Row(), "20261204.D125.5.EUR", stored));
    }

    [Fact]
    public void A_row_from_before_buckets_is_the_same_booking_on_the_same_day_only()
    {
        Assert.True(EntryFits.SameBookingByReference(Row(), "20261204.D125.5.EUR", Row(entryKey: "r-REF-0001")));
        Assert.False(EntryFits.SameBookingByReference(Row(), "20261204.D125.5.EUR", Row(day: "2026-12-03", entryKey: "r-REF-0001")));
    }

    [Fact]
    public void A_member_of_the_same_bucket_behind_a_gap_is_the_same_unless_its_references_contradict()
    {
        Assert.True(EntryFits.SameBookingByReference(Row(), "20261204.D125.5.EUR", Row(entryKey: "20261204.D125.5.EUR.3")));
        Assert.False(EntryFits.SameBookingByReference(Row(endToEnd: "A"), "20261204.D125.5.EUR", Row(entryKey: "20261204.D125.5.EUR.3", endToEnd: "B")));
    }

    [Fact]
    public void A_sixteen_character_cut_of_a_longer_reference_the_same_day_is_shared_not_reused()
    {
        var earlier = Row(reference: "ABCDEFGHIJKLMNOPQRS");
        Assert.True(EntryFits.SharesTruncatedReference(Row(reference: "ABCDEFGHIJKLMNOP"), earlier));
        Assert.False(EntryFits.SharesTruncatedReference(Row(reference: "ABCDEFGHIJKLMNOP", day: "2026-12-05"), earlier));
        Assert.False(EntryFits.SharesTruncatedReference(Row(reference: "ABCDEFGHIJKLMNO"), earlier));
    }
}
