using System.Globalization;
using BankFunctions.Formats.Statements.Mt940;
using BankFunctions.Formats.Statements;

namespace BankFunctions.Formats.Tests;

public sealed class SwiftAmountTests
{
    [Theory]
    [InlineData("1234,50", "1234.50")]
    [InlineData("0,00", "0.00")]
    [InlineData("6,", "6")]
    [InlineData("0001125250,4", "1125250.4")]
    [InlineData("9999999999999999999,", "9999999999999999999")]
    [InlineData("123456789,0123456789", "123456789.0123456789")]
    public void Swift_amounts_keep_the_decimals_as_written(string text, string expected) =>
        Assert.Equal(expected, SwiftAmount.Parse(text)?.ToString(CultureInfo.InvariantCulture));

    [Theory]
    [InlineData("")]
    [InlineData(",5")]
    [InlineData("1,2,3")]
    [InlineData("12.5")]
    [InlineData("1 234,5")]
    [InlineData("99999999999999999999,")]
    [InlineData("1,12345678901")]
    public void Other_forms_are_not_swift_amounts(string text) => Assert.Null(SwiftAmount.Parse(text));

    [Fact]
    public void Swift_amounts_read_as_decimal_parse_reads_them()
    {
        var random = new Random(15);
        for (var i = 0; i < 10_000; i++)
        {
            var whole = RandomDigits(random, 1 + random.Next(12));
            var fraction = RandomDigits(random, random.Next(7));
            var parsed = decimal.Parse(whole + "." + fraction, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
            Assert.Equal(parsed.ToString(CultureInfo.InvariantCulture), SwiftAmount.Parse(whole + "," + fraction)?.ToString(CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void Lenient_amounts_are_read_with_a_warning()
    {
        var warnings = new List<StatementWarning>();
        Assert.Equal(1234m, SwiftAmount.Parse("1234", warnings, "here"));
        Assert.Equal("12.50", SwiftAmount.Parse("12.50", warnings, "here")?.ToString(CultureInfo.InvariantCulture));
        Assert.Null(SwiftAmount.Parse("1.2.3", warnings, "here"));
        Assert.Equal([new StatementWarning(StatementWarningCodes.AmountNotSwiftForm, "here: amount '1234' is not in SWIFT form (digits with one decimal comma); read as 1234"),
            new StatementWarning(StatementWarningCodes.AmountNotSwiftForm, "here: amount '12.50' is not in SWIFT form (digits with one decimal comma); read as 12.50")], warnings);
    }

    private static string RandomDigits(Random random, int count) =>
        string.Create(count, random, static (span, r) =>
        {
            for (var i = 0; i < span.Length; i++) span[i] = (char)('0' + r.Next(10));
        });
}
