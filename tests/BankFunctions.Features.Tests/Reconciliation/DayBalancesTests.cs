using BankFunctions.Features.Reconciliation;
using BankFunctions.Formats.Statements;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Tests.Reconciliation;

public sealed class DayBalancesTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 4, 6, 0, 0, TimeSpan.Zero);

    private static StatementBalance Bal(string type, decimal value, int day, string? currency = null) =>
        new() { Type = type, Value = value, Date = new DateOnly(2026, 12, day), Currency = currency };

    [Fact]
    public void A_camt053_day_statement_gives_its_opening_and_closing_booked_for_that_day()
    {
        var statement = new Statement
        {
            Kind = StatementKinds.Camt053, Id = "S-3", Currency = "EUR", From = "2026-12-03T00:00:00Z", To = "2026-12-03T23:59:59Z",
            OpeningBalance = Bal("OPBD", 100m, 3), ClosingBalance = Bal("CLBD", 80m, 3),
            Balances = [Bal("OPBD", 100m, 3), Bal("CLBD", 80m, 3), Bal("CLAV", 70m, 3), Bal("FWAV", 60m, 4)],
        };

        Assert.Equal([new DayBalance(new DateOnly(2026, 12, 3), 100m, 80m, "camt.053 S-3", At)], DayBalances.From(statement, "EUR", At));
    }

    [Fact]
    public void An_mt940_opening_dated_the_previous_closing_opens_the_closing_day()
    {
        // SWIFT MT940 :60F: carries the date of the previous statement's closing balance.
        var statement = new Statement
        {
            Kind = StatementKinds.Mt940, Id = "7/1", From = "2026-12-02", To = "2026-12-03",
            OpeningBalance = Bal("60F", 10m, 2), ClosingBalance = Bal("62F", 15m, 3),
        };

        Assert.Equal([new DayBalance(new DateOnly(2026, 12, 3), 10m, 15m, "mt940 7/1", At)], DayBalances.From(statement, "EUR", At));
    }

    [Fact]
    public void A_statement_over_several_days_opens_its_first_day_and_closes_its_last()
    {
        var statement = new Statement
        {
            Kind = StatementKinds.Camt053, Id = "W", From = "2026-12-01", To = "2026-12-03",
            OpeningBalance = Bal("PRCD", 1m, 1), ClosingBalance = Bal("CLBD", 2m, 3),
        };

        Assert.Equal(
            [new DayBalance(new DateOnly(2026, 12, 1), 1m, null, "camt.053 W", At), new DayBalance(new DateOnly(2026, 12, 3), null, 2m, "camt.053 W", At)],
            DayBalances.From(statement, "EUR", At));
    }

    [Fact]
    public void Intraday_intermediate_derived_and_foreign_currency_balances_are_not_a_days()
    {
        Statement[] statements =
        [
            new() { Kind = StatementKinds.Camt052, From = "2026-12-03", To = "2026-12-03", ClosingBalance = Bal("ITBD", 5m, 3) },
            new() { Kind = StatementKinds.Mt940, OpeningBalance = Bal("60M", 1m, 3), ClosingBalance = Bal("62M", 2m, 3) },
            new() { Kind = StatementKinds.Cmb, OpeningBalance = Bal("derived-opening", 1m, 3), ClosingBalance = Bal("derived-closing", 2m, 3) },
            new() { Kind = StatementKinds.Camt053, Currency = "USD", From = "2026-12-03", OpeningBalance = Bal("OPBD", 1m, 3), ClosingBalance = Bal("CLBD", 2m, 3) },
        ];

        Assert.All(statements, s => Assert.Empty(DayBalances.From(s, "EUR", At)));
    }

    [Fact]
    public void The_same_values_again_change_nothing_and_a_later_correction_replaces_them()
    {
        var row = new DayBalanceRow();
        var day = new DateOnly(2026, 12, 3);

        Assert.True(DayBalances.Take(row, new DayBalance(day, 100m, 80m, "camt.053 A", At)));
        Assert.False(DayBalances.Take(row, new DayBalance(day, 100.00m, 80.0m, "mt940 B", At.AddHours(1))));
        Assert.Equal(("100", "camt.053 A", "80", "camt.053 A"), (row.Opening, row.OpeningSource, row.Closing, row.ClosingSource));

        // An older file read again does not undo the correction.
        Assert.True(DayBalances.Take(row, new DayBalance(day, null, 81m, "camt.053 A2", At.AddHours(2))));
        Assert.False(DayBalances.Take(row, new DayBalance(day, null, 80m, "camt.053 A", At.AddHours(1))));
        Assert.Equal(("100", "81", "camt.053 A2"), (row.Opening, row.Closing, row.ClosingSource));
    }
}
