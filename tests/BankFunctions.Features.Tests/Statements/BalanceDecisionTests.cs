using BankFunctions.Features.Statements;
using BankFunctions.Formats.Statements;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Tests.Statements;

/// <summary>
/// Which reported balances say where an account stands, and when one replaces the stored one (README "Balances"):
/// a later day, or the same day learnt later; never a day older than the newest shown; never another currency.
/// </summary>
public sealed class BalanceDecisionTests
{
    private static readonly DateTimeOffset Morning = new(2026, 12, 4, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 12, 4);

    private static ReportedBalance Booked(decimal value, DateOnly date, DateTimeOffset asOf) => new(true, value, date, asOf, "camt.053 S1");

    private static ReportedBalance Available(decimal value, DateOnly date, DateTimeOffset asOf) => new(false, value, date, asOf, "camt.052 R1");

    [Fact]
    public void Closing_and_intraday_balances_are_taken_opening_and_forward_ones_are_not()
    {
        var statement = new Statement
        {
            Kind = StatementKinds.Camt053,
            Currency = "EUR",
            Balances =
            [
                new StatementBalance { Type = "OPBD", Value = 100m, Date = Today },
                new StatementBalance { Type = "CLBD", Value = 120m, Date = Today },
                new StatementBalance { Type = "CLAV", Value = 110m, Date = Today },
                new StatementBalance { Type = "FWAV", Value = 90m, Date = Today.AddDays(1) },
            ],
        };
        var taken = BalanceStore.From(statement, "EUR", Morning, "camt.053 S1").ToList();
        Assert.Equal([(true, 120m), (false, 110m)], taken.Select(b => (b.Booked, b.Value)));
    }

    [Theory]
    [InlineData("USD", 0)]
    [InlineData("eur", 1)]
    [InlineData(null, 1)] // no currency on the balance: the statement's (none here), so the account's
    public void A_balance_in_another_currency_than_the_accounts_is_never_taken(string? currency, int taken)
    {
        var statement = new Statement { Kind = StatementKinds.Mt940, Balances = [new StatementBalance { Type = "62F", Value = 5m, Currency = currency, Date = Today }] };
        Assert.Equal(taken, BalanceStore.From(statement, "EUR", Morning, "mt940").Count());
    }

    [Fact]
    public void A_later_day_replaces_and_an_earlier_one_does_not()
    {
        var row = new AccountBalanceRow();
        Assert.True(BalanceStore.Take(row, Booked(100m, Today.AddDays(-1), Morning)));
        Assert.True(BalanceStore.Take(row, Booked(120m, Today, Morning)));
        Assert.False(BalanceStore.Take(row, Booked(90m, Today.AddDays(-1), Morning.AddHours(3))));
        Assert.Equal(("120", "2026-12-04"), (row.Booked, row.BookedDate));
    }

    [Fact]
    public void The_same_day_learnt_later_replaces_learnt_earlier_does_not()
    {
        var row = new AccountBalanceRow();
        Assert.True(BalanceStore.Take(row, Booked(100m, Today, Morning)));
        Assert.False(BalanceStore.Take(row, Booked(90m, Today, Morning.AddMinutes(-1))));
        Assert.True(BalanceStore.Take(row, Booked(130m, Today, Morning.AddHours(1))));
        Assert.Equal("130", row.Booked);
    }

    [Fact]
    public void An_available_balance_older_than_the_booked_one_shown_is_history()
    {
        var row = new AccountBalanceRow();
        Assert.True(BalanceStore.Take(row, Booked(100m, Today, Morning)));
        Assert.False(BalanceStore.Take(row, Available(5m, new DateOnly(2014, 6, 30), Morning.AddHours(1))));
        Assert.Null(row.Available);
        Assert.True(BalanceStore.Take(row, Available(95m, Today, Morning)));
        Assert.Equal(("95", "camt.052 R1"), (row.Available, row.AvailableSource));
    }
}
