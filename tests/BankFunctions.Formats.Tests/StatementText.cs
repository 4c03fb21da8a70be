using System.Text;
using BankFunctions.Formats.Statements;

namespace BankFunctions.Formats.Tests;

internal static class StatementText
{
    public static ParseResult Parse(string text, string fileName = "test.sta") =>
        StatementParser.Parse(new MemoryStream(Encoding.UTF8.GetBytes(text)), fileName);

    public static StatementFormatException Refused(string text, string fileName = "test.sta") =>
        Assert.Throws<StatementFormatException>(() => Parse(text, fileName));
}
