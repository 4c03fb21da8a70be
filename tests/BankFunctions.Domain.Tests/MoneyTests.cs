using Xunit;

namespace BankFunctions.Domain.Tests;

/// <summary><see cref="Money"/>: exact, carries its currency, refuses mixed currencies and more decimals than ISO 4217 allows.</summary>
public sealed class MoneyTests
{
    private static readonly Money Eur = Money.Of(10.00m, "EUR");
    private static readonly Money Usd = Money.Of(10.00m, "USD");

    public static TheoryData<string, Func<Money, Money, object>> MixedOperations() => new()
    {
        { "+", (a, b) => a + b },
        { "-", (a, b) => a - b },
        { "<", (a, b) => a < b },
        { ">", (a, b) => a > b },
        { "<=", (a, b) => a <= b },
        { ">=", (a, b) => a >= b },
        { "CompareTo", (a, b) => a.CompareTo(b) },
    };

    [Theory]
    [MemberData(nameof(MixedOperations))]
    public void Mixed_currencies_are_refused(string operation, Func<Money, Money, object> apply)
    {
        var refused = Assert.Throws<CurrencyMismatchException>(() => apply(Eur, Usd));
        Assert.Equal(("EUR", "USD"), (refused.Left.Code, refused.Right.Code));
        Assert.Contains("EUR with USD", refused.Message, StringComparison.Ordinal);
        Assert.NotNull(operation);
    }

    [Fact]
    public void Same_currency_arithmetic_and_ordering()
    {
        var a = Money.Of(12.50m, "EUR");
        var b = Money.Of(0.75m, "EUR");
        Assert.Equal(Money.Of(13.25m, "EUR"), a + b);
        Assert.Equal(Money.Of(11.75m, "EUR"), a - b);
        Assert.Equal(Money.Of(-12.50m, "EUR"), -a);
        Assert.True(b < a && a > b && a >= Money.Of(12.5m, "EUR") && b <= Money.Of(0.75m, "EUR") && !(a <= b));
        Assert.Equal(a, (b - a).Abs() + b);
        Assert.True((b - a).IsNegative);
        Assert.True(Money.Zero(Currency.Find("EUR")!).IsZero);
    }

    [Fact]
    public void Equal_values_are_equal_whatever_their_scale_but_never_across_currencies()
    {
        var short15 = Money.Parse("1.5", "EUR");
        var long15 = Money.Parse("1.50", "EUR");
        Assert.Equal(short15, long15);
        Assert.True(short15 == long15);
        Assert.Equal(short15.GetHashCode(), long15.GetHashCode());
        Assert.Equal(0, short15.CompareTo(long15));
        Assert.NotEqual(Money.Parse("1.50", "USD"), long15);
        Assert.False(Money.Parse("1.50", "USD").Equals(long15));
    }

    [Theory]
    [InlineData("JPY", 0, "1200", "1200")]
    [InlineData("KRW", 0, "5", "5")]
    [InlineData("EUR", 2, "12.5", "12.50")]
    [InlineData("EUR", 2, "0.01", "0.01")]
    [InlineData("KWD", 3, "1.5", "1.500")]
    [InlineData("KWD", 3, "0.125", "0.125")]
    [InlineData("CLF", 4, "1.2345", "1.2345")]
    public void Minor_units_decide_the_decimals_shown(string currency, int minorUnits, string amount, string shown)
    {
        var money = Money.Parse(amount, currency);
        Assert.Equal(minorUnits, money.Currency.MinorUnits);
        Assert.Equal(shown, money.ToAmountString());
        Assert.Equal($"{shown} {currency}", money.ToString());
    }

    [Theory]
    [InlineData("JPY", "1200.5")]
    [InlineData("JPY", "0.1")]
    [InlineData("EUR", "12.345")]
    [InlineData("EUR", "0.001")]
    [InlineData("KWD", "1.2345")]
    public void More_decimals_than_the_currency_has_are_refused(string currency, string amount)
    {
        Assert.Null(Money.TryParse(amount, currency, out var error));
        Assert.Contains($"{currency} has", error, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => Money.Parse(amount, currency));
        Assert.Throws<ArgumentException>(() => Money.Of(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), currency));
    }

    [Theory]
    [InlineData("EUR", "12.30")]
    [InlineData("JPY", "1200.0")]
    [InlineData("KWD", "2.5000")]
    public void Trailing_zeros_beyond_the_minor_units_are_not_extra_precision(string currency, string amount) =>
        Assert.NotNull(Money.TryParse(amount, currency, out _));

    [Theory]
    [InlineData("12,50", "EUR", "not a decimal")]
    [InlineData("1e3", "EUR", "not a decimal")]
    [InlineData(" 12.50", "EUR", "not a decimal")]
    [InlineData("", "EUR", "not a decimal")]
    [InlineData(null, "EUR", "not a decimal")]
    [InlineData("12.50", "XXX", "not an ISO 4217")]
    [InlineData("12.50", "eur", "not an ISO 4217")]
    [InlineData("12.50", null, "not an ISO 4217")]
    public void Unreadable_amounts_and_unknown_currencies_say_what_is_wrong(string? amount, string? currency, string message)
    {
        Assert.Null(Money.TryParse(amount, currency, out var error));
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0.00", "EUR")]
    [InlineData("125.00", "EUR")]
    [InlineData("-42.10", "EUR")]
    [InlineData("99999999999.99", "USD")]
    [InlineData("1200", "JPY")]
    [InlineData("-3", "JPY")]
    [InlineData("1.234", "KWD")]
    [InlineData("0.0001", "CLF")]
    public void Parse_and_format_round_trip(string amount, string currency)
    {
        var money = Money.Parse(amount, currency);
        Assert.Equal(amount, money.ToAmountString());
        Assert.Equal(money, Money.Parse(money.ToAmountString(), currency));
    }
}
