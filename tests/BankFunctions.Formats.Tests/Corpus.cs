using BankFunctions.Formats.Statements;
using BankFunctions.TestSupport;

namespace BankFunctions.Formats.Tests;

/// <summary>The statement files of the conformance corpus (tests/TestData/conformance, see ORIGIN.md there).</summary>
public static class Corpus
{
    public static string Root => RepoPaths.Combine("tests", "TestData", "conformance");

    private static readonly string[] StatementFormats = ["mt940", "mt942", "camt.052", "camt.053", "camt.054"];

    public sealed record Row(string Format, string File, long Bytes, string Detected, string Note)
    {
        public string FullPath => Path.Combine(Root, File);
        public override string ToString() => File;
    }

    public static IReadOnlyList<Row> Rows { get; } = LoadRows();

    /// <summary>Files the MANIFEST marks as negative tests: not statements at all, they must be refused.</summary>
    public static readonly HashSet<string> MustBeRefused = new(StringComparer.Ordinal)
    {
        "mt940/wolph_self-provided_invalid_statement.sta",  // "invalid/garbage statement (negative test)"
        "mt940/wolph_self-provided_empty_non_swift.sta",    // "non-SWIFT/empty input (negative test)"
        "camt.053/genkgo_camt053.v2.wrong.xml",             // "invalid document (negative test)": no Stmt
    };

    /// <summary>
    /// Real or minimally edited bank files (MANIFEST note "needs lenient") that today's strict reading refuses, with the
    /// exact message it gives. Lenient reading (issue 13, item 1) is meant to read them with a named warning instead;
    /// whoever makes that change moves the file from here to <see cref="DeviationWarnings"/>.
    /// </summary>
    public static readonly Dictionary<string, string> KnownRefused = new(StringComparer.Ordinal)
    {
        // Real day statements (Lithuanian account servicer, camt.053.001.08): no CdtDbtInd on any Bal, no Sts on any Ntry.
        ["camt.053/subite_lt_camt053_2024-03-07.xml"] =
            "subite_lt_camt053_2024-03-07.xml: /Document/BkToCstmrStmt/Stmt[1]/Bal[1] (line 2): expected element CdtDbtInd (CRDT or DBIT), none found",
        ["camt.053/subite_lt_camt053_2024-04-11.xml"] =
            "subite_lt_camt053_2024-04-11.xml: /Document/BkToCstmrStmt/Stmt[1]/Bal[1] (line 2): expected element CdtDbtInd (CRDT or DBIT), none found",
        ["camt.053/subite_lt_camt053_2024-08-29.xml"] =
            "subite_lt_camt053_2024-08-29.xml: /Document/BkToCstmrStmt/Stmt[1]/Bal[1] (line 2): expected element CdtDbtInd (CRDT or DBIT), none found",
        ["camt.053/subite_lt_camt053_2024-10-14.xml"] =
            "subite_lt_camt053_2024-10-14.xml: /Document/BkToCstmrStmt/Stmt[1]/Bal[1] (line 2): expected element CdtDbtInd (CRDT or DBIT), none found",
        // Missing CdtDbtInd on every Bal; the statement's own arithmetic decides the signs (-8547.25 + 350000 = 341452.75).
        ["camt.053/swiftcbpr_p.2.4.1_camt.053-DtoE_edited_no-balance-CdtDbtInd.xml"] =
            "swiftcbpr_p.2.4.1_camt.053-DtoE_edited_no-balance-CdtDbtInd.xml: /Document/BkToCstmrStmt/Stmt[1]/Bal[1] (line 61): expected element CdtDbtInd (CRDT or DBIT), none found",
        // Missing CdtDbtInd on every Bal of a statement that does not balance: the arithmetic cannot decide.
        ["camt.053/viafintech_ubs_camt053_v8_edited_no-balance-CdtDbtInd.xml"] =
            "viafintech_ubs_camt053_v8_edited_no-balance-CdtDbtInd.xml: /Document/BkToCstmrStmt/Stmt[1]/Bal[1] (line 48): expected element CdtDbtInd (CRDT or DBIT), none found",
        // ISO-8859-1 bytes under an encoding="UTF-8" declaration.
        ["camt.053/viafintech_vrbank_camt053_edited_latin1-declared-utf8.xml"] =
            "viafintech_vrbank_camt053_edited_latin1-declared-utf8.xml: line 156, position 21: malformed XML: Invalid character in the given encoding. Line 156, position 21.",
    };

    /// <summary>
    /// Files that show one deviation of issue 13 item 1 and are read today: the deviation and every warning reading them
    /// gives today (statement and file warnings, without the routine "no entry date" ones), in order. An empty list
    /// means the deviation is read silently today; lenient reading is meant to name it with a catalogued warning.
    /// </summary>
    public static readonly Dictionary<string, (string Deviation, string[] WarningsToday)> DeviationWarnings = new(StringComparer.Ordinal)
    {
        ["mt940/zilverline_rabobank_two_accounts.txt"] = ("DOS EOF byte 0x1A glued to the 4th :20:, 4 accounts in one file",
        [
            "zilverline_rabobank_two_accounts.txt: line 23: control character U+001A replaced by a space",
            "zilverline_rabobank_two_accounts.txt: line 24 (:25:): second :25: account field in one statement ignored (kept '3462.483.153 EUR')",
        ]),
        ["mt940/zilverline_rabobank.txt"] = ("trailing DOS EOF byte 0x1A after the last statement",
        [
            "zilverline_rabobank.txt: line 140: control character U+001A replaced by a space",
        ]),
        ["mt940/zilverline_sns.txt"] = (":86: continuation lines made of blanks", []),
        ["mt940/zilverline_van_lanschot.txt"] = ("\"-XXX\" trailer after each message, summary :86: after :62F:", []),
        ["mt940/qoomon_valid-mt940.txt"] = (":86: continuation line starting with '-', trailer blocks after -}",
        [
            "qoomon_valid-mt940.txt: statement 02618: opening balance 672 + booked entries -2640 = -1968, but the closing balance is 987 (difference 2955)",
        ]),
        ["mt940/php_zetb_sample.sta"] = (":61: with N where the funds code goes and no transaction type",
            Enumerable.Range(0, 8).Select(i => $"php_zetb_sample.sta: line {6 + 2 * i} (:61:): transaction type '//19' does not start with N, F or S").ToArray()),
        ["camt.053/viafintech_vrbank_camt053_edited_no-Ntry-Sts.xml"] = ("missing Ntry/Sts",
        [
            "viafintech_vrbank_camt053_edited_no-Ntry-Sts.xml: /Document/BkToCstmrStmt/Stmt[1]/Ntry[1] (line 60)/Sts: status '(missing)' is not BOOK, PDNG, INFO or FUTR; entry treated as booked",
        ]),
        ["camt.053/viafintech_vrbank_camt053_edited_duplicated-Ntry-Sts.xml"] = ("duplicated Ntry/Sts", []),
        ["camt.053/viafintech_vrbank_camt053_edited_Amt-without-Ccy.xml"] = ("Amt without Ccy, account currency known", []),
        ["camt.053/viafintech_wise_camt053_with_datetime_edited_utf8-BOM.xml"] = ("UTF-8 BOM before <?xml", []),
        ["mt940/zilverline_sns_edited_utf8-BOM.txt"] = ("UTF-8 BOM before {1:", []),
        ["mt940/zilverline_van_lanschot_edited_crlf-lf-mix.txt"] = ("CRLF and LF line ends in one file", []),
        ["mt940/sharpmt940_standardbank_transactions.txt"] = ("SOH before {1: and ETX after the final -} (transmission framing)",
        [
            "sharpmt940_standardbank_transactions.txt: line 1: control character U+0001 replaced by a space",
            "sharpmt940_standardbank_transactions.txt: line 62: control character U+0003 replaced by a space",
        ]),
        ["mt940/sharpmt940_abnamro_bom.txt"] = ("UTF-8 BOM before the header line (real file)", []),
        ["mt940/sharpmt940_sns_transactions_bom.txt"] = ("UTF-8 BOM before {1: (real file)",
        [
            "sharpmt940_sns_transactions_bom.txt: statement 0000000000: opening balance 12062.29 + booked entries 18805.89 = 30868.18, but the closing balance is 12062.29 (difference -18805.89)",
        ]),
        ["mt940/php_kbs_sample_edited_trailing-garbage.sta"] = ("NUL bytes after the final -}",
        [
            "php_kbs_sample_edited_trailing-garbage.sta: line 22: control character U+0000 replaced by a space",
        ]),
    };

    /// <summary>True for files that are refused today, whether by design (negative tests) or until lenient reading.</summary>
    public static bool IsRefused(string file) => MustBeRefused.Contains(file) || KnownRefused.ContainsKey(file);

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var row in Rows) data.Add(row.File);
        return data;
    }

    public static Row Get(string file) => Rows.Single(r => r.File == file);

    public static ParseResult Parse(string file)
    {
        using var stream = File.OpenRead(Path.Combine(Root, file));
        return StatementParser.Parse(stream, Path.GetFileName(file));
    }

    private static List<Row> LoadRows() =>
        File.ReadAllLines(Path.Combine(Root, "MANIFEST.tsv"))
            .Skip(1)
            .Select(line => line.Split('\t'))
            .Where(cols => StatementFormats.Contains(cols[0]))
            .Select(cols => new Row(cols[0], cols[1], long.Parse(cols[2], System.Globalization.CultureInfo.InvariantCulture), cols[7], cols[8]))
            .ToList();
}
