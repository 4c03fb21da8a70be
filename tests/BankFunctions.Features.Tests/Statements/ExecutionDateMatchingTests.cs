using BankFunctions.Domain;
using BankFunctions.Features.Statements;
using BankFunctions.Formats.Statements;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Tests.Statements;

/// <summary>
/// A debit without reference is matched against the day the bank executes the payment — the row's
/// <c>ExecutionDate</c> (the requested day moved past weekend, holiday or cut-off by the profile's calendar) — not the
/// requested day: the tolerance of <see cref="PaymentMatching.ByAmountAndDate"/> (booked on that day or up to
/// <see cref="PaymentMatching.MaxDaysAfterExecution"/> days after, never before) counts from it.
/// </summary>
public sealed class ExecutionDateMatchingTests
{
    /// <summary>Requested for Thursday 24 December, executed Monday 28 December (25–27 closed).</summary>
    private static PaymentRow MovedPastHolidays(string? executionDate = "2026-12-28") => new()
    {
        PaymentId = "pay_20",
        Amount = "640.00",
        Currency = "EUR",
        RequestedExecutionDate = "2026-12-24",
        ExecutionDate = executionDate,
    };

    private static StatementEntry BookedDebit(string day) => new()
    {
        Amount = -640.00m,
        Status = EntryStatus.Booked,
        BookingDate = DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture),
        BankReference = "BANKREF20",
    };

    private static OpenPayment? Match(PaymentRow row, string bookingDay) =>
        Assert.Single(PaymentMatching.ByAmountAndDate([(BookedDebit(bookingDay), "EUR")], [PaymentMatching.Open(row)!]));

    [Fact]
    public void An_open_payment_row_is_dated_by_its_execution_day_not_the_requested_one()
    {
        Assert.Equal(new OpenPayment("pay_20", Money.Parse("640.00", "EUR"), new DateOnly(2026, 12, 28)), PaymentMatching.Open(MovedPastHolidays()));
    }

    [Fact]
    public void A_booking_on_the_execution_day_matches()
    {
        Assert.Equal("pay_20", Match(MovedPastHolidays(), "2026-12-28")?.PaymentId);
    }

    [Fact]
    public void A_booking_on_the_requested_day_only_is_before_execution_and_does_not_match()
    {
        Assert.Null(Match(MovedPastHolidays(), "2026-12-24"));
    }

    [Fact]
    public void The_five_day_tolerance_counts_from_the_execution_day()
    {
        // 2 January: nine days after the requested day, five after execution.
        Assert.Equal("pay_20", Match(MovedPastHolidays(), "2027-01-02")?.PaymentId);
        Assert.Null(Match(MovedPastHolidays(), "2027-01-03"));
    }

    [Fact]
    public void A_row_written_before_the_execution_date_column_is_dated_by_its_requested_day()
    {
        var legacy = MovedPastHolidays(executionDate: null);
        Assert.Equal(new DateOnly(2026, 12, 24), PaymentMatching.Open(legacy)?.ExecutionDate);
        Assert.Equal("pay_20", Match(legacy, "2026-12-24")?.PaymentId);
    }

    [Fact]
    public void A_stored_amount_that_is_not_money_is_never_open_for_matching()
    {
        Assert.Null(PaymentMatching.Open(new PaymentRow { PaymentId = "pay_21", Amount = "12.345", Currency = "EUR", RequestedExecutionDate = "2026-12-24" }));
    }
}
