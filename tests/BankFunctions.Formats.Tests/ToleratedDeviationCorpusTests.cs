using System.Text.RegularExpressions;
using BankFunctions.Formats.Statements;
using BankFunctions.TestSupport;

namespace BankFunctions.Formats.Tests;

/// <summary>
/// Issue #13: every deviation that lenient parsing tolerates (docs/statement-warnings.md, Strict: refused) is read from
/// a real, or minimally edited real, corpus file (MANIFEST.tsv says what was edited) with exactly its warning; strict
/// parsing refuses those files, and reads every other file as before.
/// </summary>
public sealed partial class ToleratedDeviationCorpusTests
{
    /// <summary>Corpus files that raise tolerated warnings, and which (each code once, in catalogue order).</summary>
    private static readonly Dictionary<string, string[]> Tolerated = new(StringComparer.Ordinal)
    {
        // Real files. Lithuanian day statements (camt.053.001.08, issue #13's case): no CdtDbtInd on balances, no Sts.
        ["camt.053/subite_lt_camt053_2024-03-07.xml"] = [StatementWarningCodes.BalanceIndicatorMissing, StatementWarningCodes.EntryStatusMissing],
        ["camt.053/subite_lt_camt053_2024-04-11.xml"] = [StatementWarningCodes.BalanceIndicatorMissing, StatementWarningCodes.EntryStatusMissing],
        ["camt.053/subite_lt_camt053_2024-08-29.xml"] = [StatementWarningCodes.BalanceIndicatorMissing, StatementWarningCodes.EntryStatusMissing],
        ["camt.053/subite_lt_camt053_2024-10-14.xml"] = [StatementWarningCodes.BalanceIndicatorMissing, StatementWarningCodes.EntryStatusMissing],
        // Danske Bank and Rabobank write one :86: per line of information.
        ["mt940/mt940rs_danskebank_MT940_FI_Example.sta"] = [StatementWarningCodes.EntryInformationRepeated],
        ["mt940/php_rabo_sample.sta"] = [StatementWarningCodes.EntryInformationRepeated],
        ["mt940/wolph_jejik_rabobank.sta"] = [StatementWarningCodes.EntryInformationRepeated],
        ["mt940/zilverline_rabobank.txt"] = [StatementWarningCodes.EntryInformationRepeated],
        ["mt940/zilverline_rabobank_two_accounts.txt"] = [StatementWarningCodes.EntryInformationRepeated],
        // Zenith Bank: the bank reference follows the :61: amount, with no transaction type.
        ["mt940/php_zetb_sample.sta"] = [StatementWarningCodes.EntryTransactionTypeMissing],
        // ABN AMRO and SNS exports with a UTF-8 byte order mark.
        ["mt940/sharpmt940_abnamro_bom.txt"] = [StatementWarningCodes.ByteOrderMark],
        ["mt940/sharpmt940_sns_transactions_bom.txt"] = [StatementWarningCodes.ByteOrderMark],
        // Minimally edited real files (MANIFEST.tsv: "EDITED copy of …").
        ["camt.053/iso20022js_nordea_example_camt_edited_no_balance_cdtdbtind.xml"] = [StatementWarningCodes.BalanceIndicatorMissing],
        ["camt.053/iso20022js_ing_example_camt_edited_no_sts_in_first_ntry.xml"] = [StatementWarningCodes.EntryStatusMissing],
        ["camt.052/genkgo_camt052.v8_edited_sts_twice.xml"] = [StatementWarningCodes.EntryStatusRepeated],
        ["camt.053/moov_FI_camt_053_sample_edited_amt_without_ccy.xml"] = [StatementWarningCodes.AmountCurrencyMissing],
        ["camt.053/genkgo_camt053.v2.with-party-ids_edited_latin1_bytes.xml"] = [StatementWarningCodes.EncodingLatin1DeclaredUtf8],
        ["mt940/wolph_ASNB_mt940_edited_utf8_bom.txt"] = [StatementWarningCodes.ByteOrderMark],
        ["mt940/php_asn_sample_edited_text_after_end.sta"] = [StatementWarningCodes.TextAfterMessageEnd],
        // Edited by the corpus work on main.
        ["camt.053/swiftcbpr_p.2.4.1_camt.053-DtoE_edited_no-balance-CdtDbtInd.xml"] = [StatementWarningCodes.BalanceIndicatorMissing],
        ["camt.053/viafintech_ubs_camt053_v8_edited_no-balance-CdtDbtInd.xml"] = [StatementWarningCodes.BalanceIndicatorMissing],
        ["camt.053/viafintech_vrbank_camt053_edited_no-Ntry-Sts.xml"] = [StatementWarningCodes.EntryStatusMissing],
        ["camt.053/viafintech_vrbank_camt053_edited_duplicated-Ntry-Sts.xml"] = [StatementWarningCodes.EntryStatusRepeated],
        ["camt.053/viafintech_vrbank_camt053_edited_Amt-without-Ccy.xml"] = [StatementWarningCodes.AmountCurrencyMissing],
        ["camt.053/viafintech_vrbank_camt053_edited_latin1-declared-utf8.xml"] = [StatementWarningCodes.EncodingLatin1DeclaredUtf8],
        ["mt940/zilverline_sns_edited_utf8-BOM.txt"] = [StatementWarningCodes.ByteOrderMark],
    };

    [Fact]
    public void Edited_copies_read_as_their_originals_apart_from_the_warning()
    {
        // The deviation is tolerated, not guessed at: the edited copy gives the original's statements.
        foreach (var edited in Tolerated.Keys.Where(f => f.Contains("_edited_", StringComparison.Ordinal)))
        {
            var original = string.Concat(edited.AsSpan(0, edited.IndexOf("_edited_", StringComparison.Ordinal)), Path.GetExtension(edited));
            Assert.Equal(WithoutWarnings(Corpus.Parse(original)), WithoutWarnings(Corpus.Parse(edited)));
        }
    }

    private static string WithoutWarnings(ParseResult result) => StatementJson.Serialize(result with
    {
        Warnings = [],
        Statements = result.Statements.Select(s => s with { Warnings = [] }).ToList(),
    });

    public static TheoryData<string> Files() => Corpus.Files();

    [Theory]
    [MemberData(nameof(Files))]
    public void Corpus_files_raise_exactly_their_tolerated_warnings_and_strict_parsing_refuses_only_those_files(string file)
    {
        if (Corpus.MustBeRefused.Contains(file)) return;
        var result = Corpus.Parse(file);
        var raised = result.Warnings.Concat(result.Statements.SelectMany(s => s.Warnings))
            .Select(w => w.Code).Where(ToleratedCodes().Contains).Distinct().Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(Tolerated.GetValueOrDefault(file, []).Order(StringComparer.Ordinal), raised);

        using var stream = File.OpenRead(Path.Combine(Corpus.Root, file));
        var strict = new StatementParseOptions { Strict = true };
        if (raised.Length == 0)
        {
            Assert.Equal(StatementJson.Serialize(result), StatementJson.Serialize(StatementParser.Parse(stream, Path.GetFileName(file), strict)));
        }
        else
        {
            var ex = Assert.Throws<StatementFormatException>(() => StatementParser.Parse(stream, Path.GetFileName(file), strict));
            Assert.StartsWith(Path.GetFileName(file) + ": ", ex.Message, StringComparison.Ordinal);
            Assert.Contains("(refused in strict mode; lenient parsing reads it with warning ", ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_tolerated_warning_code_is_read_from_a_corpus_file()
    {
        Assert.NotEmpty(ToleratedCodes());
        Assert.Equal(ToleratedCodes().Order(StringComparer.Ordinal), Tolerated.Values.SelectMany(c => c).Distinct().Order(StringComparer.Ordinal));
    }

    /// <summary>The codes docs/statement-warnings.md marks "refused" in its Strict column.</summary>
    private static HashSet<string> ToleratedCodes() =>
        RefusedRows().Matches(File.ReadAllText(RepoPaths.Combine("docs", "statement-warnings.md"))).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"^\| `([a-z0-9._]+)` \| [^|]+ \| refused \|", RegexOptions.Multiline)]
    private static partial Regex RefusedRows();
}
