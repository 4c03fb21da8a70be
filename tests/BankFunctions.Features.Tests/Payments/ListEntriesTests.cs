using BankFunctions.Domain;
using BankFunctions.Features.Payments;

namespace BankFunctions.Features.Tests.Payments;

/// <summary>The list index's amount: thousandths of the currency's unit, exact for every ISO 4217 minor unit count (0–3).</summary>
public sealed class ListEntriesTests
{
    [Theory]
    [InlineData("125.50", "EUR", 125_500L)]
    [InlineData("1200", "JPY", 1_200_000L)]
    [InlineData("1.234", "KWD", 1_234L)]
    [InlineData("999999999999.99", "EUR", 999_999_999_999_990L)]
    public void Milli_is_exact(string amount, string currency, long milli)
    {
        Assert.Equal(milli, ListEntries.Milli(Money.Parse(amount, currency)));
    }

    [Fact]
    public void An_amount_its_currency_cannot_hold_is_refused_not_rounded()
    {
        Assert.Throws<FormatException>(() => ListEntries.Milli(Money.Parse("1.5", "JPY")));
    }
}
