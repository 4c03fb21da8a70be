using BankFunctions.Features.Reconciliation;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Tests.Reconciliation;

public sealed class CsvTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("", "")]
    public void Fields_are_quoted_as_rfc_4180_says(string value, string expected) => Assert.Equal(expected, Csv.Field(value));

    [Theory]
    [InlineData("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"")]
    [InlineData("+1", "'+1")]
    [InlineData("-cmd", "'-cmd")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("ACME GmbH", "ACME GmbH")]
    public void Free_text_that_a_spreadsheet_would_run_is_defused(string value, string expected) => Assert.Equal(expected, Csv.Text(value));

    [Theory]
    [InlineData(null, false)]
    [InlineData("text/csv", true)]
    [InlineData("application/json", false)]
    [InlineData("text/csv, application/json", false)]
    [InlineData("application/json;q=0.5, text/csv", true)]
    [InlineData("*/*", false)]
    public void Csv_only_when_the_caller_prefers_it(string? accept, bool csv)
    {
        var context = new DefaultHttpContext();
        if (accept is not null)
        {
            context.Request.Headers.Accept = accept;
        }
        Assert.Equal(csv, Csv.Preferred(context.Request));
    }
}
