using System.Text.RegularExpressions;
using BankFunctions.Formats.Statements;

namespace BankFunctions.Formats.Tests;

public sealed partial class ConformanceCorpusTests
{
    /// <summary>
    /// Statements in the corpus whose own balances do not add up: opening + entries ≠ closing in the file itself
    /// (anonymised or synthetic samples; checked by hand, e.g. ABN AMRO 3236.28 − 321.44 ≠ 876.84, genkgo samples
    /// close in another currency, Rabobank sample has balances without entries). Value: the closing − (opening + entries)
    /// difference of each such statement, in file order. Any other statement must balance exactly.
    /// </summary>
    private static readonly Dictionary<string, decimal[]> KnownImbalances = new()
    {
        ["mt940/jejik_commerzbank.txt"] = [12.35m],
        ["mt940/jejik_deutschebank.txt"] = [12.35m],
        ["mt940/jejik_ing-dos.txt"] = [49.06m],
        ["mt940/jejik_oldenburgischelandesbankmitbindestrich.txt"] = [-281725.57m],
        ["mt940/mt940js_abn-amro-1.STA"] = [-213.51m],
        ["mt940/php_hsbc_sample.sta"] = [20000.00m],
        ["mt940/wolph_betterplace_sepa_snippet.sta"] = [300.08m],
        ["mt940/wolph_betterplace_sepa_snippet_broken.sta"] = [307603.86m],
        ["mt940/wolph_jejik_abnamro.sta"] = [-2038.00m, -1002.60m],
        ["mt940/wolph_jejik_ing.sta"] = [49.06m],
        ["mt940/wolph_jejik_knab.sta"] = [4500.00m],
        ["mt940/wolph_jejik_postfinance.sta"] = [0.2m],
        ["mt940/wolph_jejik_rabobank.sta"] = [1135.93m, 236.56m],
        ["mt940/wolph_jejik_triodos.sta"] = [111.40m],
        ["mt940/wolph_mBank_with_newline_in_tnr.sta"] = [770.71m],
        ["mt940/wolph_self-provided_details_60-63.sta"] = [234.01m],
        ["mt940/wolph_self-provided_overly_long_details.sta"] = [234.01m],
        ["mt940/wolph_self-provided_raiffeisen-cmi.sta"] = [1123264.00m],
        ["camt.052/hbci4java_camt_ruecklastschrift.xml"] = [53.00m],
        ["camt.053/genkgo_camt053.v2.all-balance-types.xml"] = [-5.820m],
        ["camt.053/genkgo_camt053.v2.five.decimals.xml"] = [0.050m],
        ["camt.053/genkgo_camt053.v2.minimal.xml"] = [-54.00m],
        ["camt.053/genkgo_camt053.v2.with-party-ids.xml"] = [-54.00m],
        ["camt.053/genkgo_camt053.v2.with-party-ids_edited_latin1_bytes.xml"] = [-54.00m],
        // As its original; without CdtDbtInd no choice of signs adds up, so the balances are read as credits.
        ["camt.053/viafintech_ubs_camt053_v8_edited_no-balance-CdtDbtInd.xml"] = [1251.02m],
        ["camt.053/genkgo_camt053.v3.xml"] = [-54.00m],
        ["camt.053/genkgo_camt053.v4.xml"] = [-54.00m],
        ["camt.053/genkgo_camt053.v8.xml"] = [-54.00m],
        ["camt.053/iso20022js_goldmansachs_camt_053_uk_v2.xml"] = [108.35m],
        ["camt.053/iso20022js_goldmansachs_camt_053_us_v2.xml"] = [-3009.89m],
        ["camt.053/moov_postfinance_camt053_v04.xml"] = [-1537.00m],
        ["camt.053/viafintech_ubs_camt053_v8.xml"] = [1251.02m],
        ["mt940/mt940rs_sparkasse_buxtehude.sta"] = [100.00m],
        ["mt940/qoomon_valid-mt940.txt"] = [2955m],
        ["mt940/sharpmt940_sns_transactions_bom.txt"] = [-18805.89m],
        ["mt940/sharpmt940_standardbank_few_transactions_GB.txt"] = [-535.39m],
    };

    public static TheoryData<string> Files() => Corpus.Files();

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_corpus_file_parses_or_is_refused_with_a_precise_message(string file)
    {
        if (Corpus.MustBeRefused.Contains(file))
        {
            var ex = Assert.Throws<StatementFormatException>(() => Corpus.Parse(file));
            Assert.StartsWith(Path.GetFileName(file) + ": ", ex.Message, StringComparison.Ordinal);
            Assert.Contains("expected", ex.Message, StringComparison.Ordinal);
            return;
        }
        if (Corpus.KnownRefused.TryGetValue(file, out var message))
        {
            Assert.Equal(message, Assert.Throws<StatementFormatException>(() => Corpus.Parse(file)).Message);
            return;
        }
        var result = Corpus.Parse(file);
        Assert.NotEmpty(result.Statements);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Entry_count_matches_what_the_manifest_detected(string file)
    {
        if (Corpus.IsRefused(file)) return;
        var row = Corpus.Get(file);
        var match = EntryCount().Match(row.Detected);
        // Rows without an "NxNtry" count describe statements without entries (balances only).
        var expected = match.Success ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
        var result = Corpus.Parse(file);
        Assert.Equal(expected, result.Statements.Sum(s => s.Entries.Count));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Opening_plus_booked_entries_equals_closing_unless_the_file_itself_is_inconsistent(string file)
    {
        if (Corpus.IsRefused(file)) return;
        var result = Corpus.Parse(file);
        var differences = new List<decimal>();
        foreach (var statement in result.Statements.Where(s => s.OpeningBalance is not null && s.ClosingBalance is not null))
        {
            var booked = statement.Entries.Where(e => e.Status == EntryStatus.Booked).Sum(e => e.Amount);
            var difference = statement.ClosingBalance!.Value - (statement.OpeningBalance!.Value + booked);
            var warned = statement.Warnings.Any(w => w.Message.Contains("but the closing balance is", StringComparison.Ordinal));
            Assert.Equal(difference != 0, warned);
            if (difference != 0) differences.Add(difference);
        }
        var expected = KnownImbalances.GetValueOrDefault(file, []);
        if (file == "mt940/php_rabo_sample.sta")
        {
            // Synthetic Rabobank sample: 39 statements, balances move without entries in 29 of them.
            Assert.Equal(29, differences.Count);
            return;
        }
        Assert.Equal(expected, differences.ToArray());
    }

    [Fact]
    public void Every_statement_format_of_the_manifest_is_covered()
    {
        Assert.Equal(169, Corpus.Rows.Count); // 155 on main, 7 edited copies for issue #13's tolerated deviations, 7 for warning coverage
        Assert.All(Corpus.Rows, row => Assert.True(File.Exists(row.FullPath), row.File));
    }

    [Fact]
    public void Every_file_still_has_the_byte_count_the_manifest_recorded_when_it_was_copied()
    {
        // The files are copied byte for byte; a changed length means an editor or a line-end conversion touched one.
        Assert.All(Corpus.Rows, row => Assert.True(new FileInfo(row.FullPath).Length == row.Bytes, $"{row.File}: {new FileInfo(row.FullPath).Length} bytes, MANIFEST says {row.Bytes}"));
    }

    [Theory]
    [InlineData("camt.053/viafintech_vrbank_camt053_edited_Sts-BOOKED.xml")]
    [InlineData("camt.053/viafintech_vrbank_camt053_edited_no-xmlns.xml")]
    public void An_edit_that_only_raises_a_warning_reads_as_its_original(string edited)
    {
        // An unknown status is booked and a missing namespace is read by element name: nothing else may change.
        var original = string.Concat(edited.AsSpan(0, edited.IndexOf("_edited_", StringComparison.Ordinal)), Path.GetExtension(edited));
        Assert.Equal(WithoutWarnings(Corpus.Parse(original)), WithoutWarnings(Corpus.Parse(edited)));
    }

    private static string WithoutWarnings(ParseResult result) => StatementJson.Serialize(result with
    {
        Warnings = [],
        Statements = result.Statements.Select(s => s with { Warnings = [] }).ToList(),
    });

    public static TheoryData<string> DeviationFiles() => new(Corpus.DeviationWarnings.Keys);

    [Theory]
    [MemberData(nameof(DeviationFiles))]
    public void A_file_with_a_known_deviation_reads_today_with_exactly_these_warnings(string file)
    {
        var result = Corpus.Parse(file);
        var warnings = result.Warnings.Concat(result.Statements.SelectMany(s => s.Warnings))
            .Where(w => !w.Message.Contains("no entry date; booking date taken from the value date", StringComparison.Ordinal));
        Assert.Equal(Corpus.DeviationWarnings[file].WarningsToday, warnings.Select(w => w.Message).ToArray());
    }

    [Fact]
    public void Every_known_deviation_and_refusal_names_a_file_of_the_manifest()
    {
        var files = Corpus.Rows.Select(r => r.File).ToHashSet(StringComparer.Ordinal);
        Assert.All(Corpus.KnownRefused.Keys.Concat(Corpus.DeviationWarnings.Keys), file => Assert.Contains(file, files));
    }

    [GeneratedRegex(@"(\d+)x(?::61:|Ntry)")]
    private static partial Regex EntryCount();
}
