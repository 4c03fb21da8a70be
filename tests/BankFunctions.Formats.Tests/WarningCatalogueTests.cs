using System.Text.RegularExpressions;
using BankFunctions.Formats.Statements;
using BankFunctions.TestSupport;

namespace BankFunctions.Formats.Tests;

/// <summary>docs/statement-warnings.md documents exactly the codes the readers can raise.</summary>
public sealed partial class WarningCatalogueTests
{
    [Fact]
    public void Every_warning_code_is_documented_once_and_every_documented_code_exists()
    {
        var documented = CodeCells().Matches(File.ReadAllText(CataloguePath())).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(documented.Distinct().Count(), documented.Count);
        Assert.Equal(StatementWarningCodes.All.Order(StringComparer.Ordinal), documented.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Codes_are_lower_case_dotted_names()
    {
        Assert.All(StatementWarningCodes.All, code => Assert.Matches("^[a-z0-9]+(\\.[a-z0-9_]+)+$", code));
    }

    private static string CataloguePath() => RepoPaths.Combine("docs", "statement-warnings.md");

    /// <summary>The first cell of each table row: | `code` | …</summary>
    [GeneratedRegex(@"^\| `([a-z0-9._]+)` \|", RegexOptions.Multiline)]
    private static partial Regex CodeCells();
}
