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

    [Fact]
    public void Every_warning_code_is_raised_by_a_real_or_minimally_edited_real_file_of_the_corpus()
    {
        var raised = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in Corpus.Rows)
        {
            try
            {
                var result = Corpus.Parse(row.File);
                raised.UnionWith(result.Warnings.Concat(result.Statements.SelectMany(s => s.Warnings)).Select(w => w.Code));
            }
            catch (StatementFormatException)
            {
                // Negative tests of the corpus; their refusals are checked elsewhere.
            }
        }
        var missing = StatementWarningCodes.All.Where(code => !raised.Contains(code) && !CmbOnlyCodes.Contains(code)).ToList();
        Assert.True(missing.Count == 0, "no corpus file raises: " + string.Join(", ", missing));
    }

    /// <summary>
    /// Codes only the CMB DCTRSINF JSON reader raises. No public sample of a CMB (招商银行) CDC DCTRSINF answer exists
    /// to copy into the corpus (searched 2026-12-05: public code holds only field lists, XML GetTransInfo samples and
    /// NCCRTTRS notifications), and BankSim's CMB output is our own, not a bank's; so CmbTransactionsReaderTests asserts
    /// each of these codes instead, and this test checks that they stay exactly the CMB reader's.
    /// </summary>
    private static readonly HashSet<string> CmbOnlyCodes = new(StringComparer.Ordinal)
    {
        StatementWarningCodes.BalanceRunningMismatch,
        StatementWarningCodes.BalanceNotDerived,
        StatementWarningCodes.AmountSignFromIndicator,
        StatementWarningCodes.NoTransactions,
    };

    [Fact]
    public void The_codes_left_to_the_cmb_reader_tests_are_documented_as_cmb_only()
    {
        var formatsOf = CatalogueRows().Matches(File.ReadAllText(CataloguePath())).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value.Trim(), StringComparer.Ordinal);
        Assert.All(CmbOnlyCodes, code => Assert.Equal("CMB", formatsOf[code]));
        Assert.Equal(CmbOnlyCodes.Order(StringComparer.Ordinal), formatsOf.Where(kv => kv.Value == "CMB").Select(kv => kv.Key).Order(StringComparer.Ordinal));
    }

    private static string CataloguePath() => RepoPaths.Combine("docs", "statement-warnings.md");

    /// <summary>The first cell of each table row: | `code` | …</summary>
    [GeneratedRegex(@"^\| `([a-z0-9._]+)` \|", RegexOptions.Multiline)]
    private static partial Regex CodeCells();

    /// <summary>Code and Formats cells of each table row: | `code` | formats | …</summary>
    [GeneratedRegex(@"^\| `([a-z0-9._]+)` \| ([^|]+) \|", RegexOptions.Multiline)]
    private static partial Regex CatalogueRows();
}
