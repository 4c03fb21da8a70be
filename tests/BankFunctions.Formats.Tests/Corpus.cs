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
        // None left: lenient reading (issue 13 item 1) reads the files that were here; they moved to DeviationWarnings.
    };

    /// <summary>
    /// Files that show one deviation of issue 13 item 1 and are read today: the deviation and every warning reading them
    /// gives today (statement and file warnings, without the routine "no entry date" ones), in order. An empty list
    /// means the deviation is read silently, on purpose: a UTF-8 BOM before a camt document (XML allows it), mixed line
    /// ends, blank :86: continuation lines; docs/statement-warnings.md, "Read without a warning".
    /// </summary>
    public static readonly Dictionary<string, (string Deviation, string[] WarningsToday)> DeviationWarnings = new(StringComparer.Ordinal)
    {
        ["mt940/zilverline_rabobank_two_accounts.txt"] = ("DOS EOF byte 0x1A glued to the 4th :20:, 4 accounts in one file; Rabobank's one :86: per line",
        [
            "zilverline_rabobank_two_accounts.txt: line 10 (:86:): a further :86: after the same :61:; read as lines of one :86: (named once per statement)",
            "zilverline_rabobank_two_accounts.txt: line 23: control character U+001A replaced by a space",
        ]),
        ["mt940/zilverline_rabobank.txt"] = ("trailing DOS EOF byte 0x1A after the last statement; Rabobank's one :86: per line",
        [
            "zilverline_rabobank.txt: line 37 (:86:): a further :86: after the same :61:; read as lines of one :86: (named once per statement)",
            "zilverline_rabobank.txt: line 140: control character U+001A replaced by a space",
        ]),
        ["mt940/zilverline_sns.txt"] = (":86: continuation lines made of blanks", []),
        ["mt940/zilverline_van_lanschot.txt"] = ("\"-XXX\" trailer after each message, summary :86: after :62F:", []),
        ["mt940/qoomon_valid-mt940.txt"] = (":86: continuation line starting with '-', trailer blocks after -}",
        [
            "qoomon_valid-mt940.txt: statement 02618: opening balance 672 + booked entries -2640 = -1968, but the closing balance is 987 (difference 2955)",
        ]),
        ["mt940/php_zetb_sample.sta"] = (":61: with N where the funds code goes and no transaction type",
        [
            "php_zetb_sample.sta: line 6 (:61:): no transaction type and no customer reference before the bank reference '//'; read without them (named once per statement)",
        ]),
        ["camt.053/viafintech_vrbank_camt053_edited_no-Ntry-Sts.xml"] = ("missing Ntry/Sts",
        [
            "viafintech_vrbank_camt053_edited_no-Ntry-Sts.xml: /Document/BkToCstmrStmt/Stmt[1]/Ntry[1] (line 60): expected element Sts (entry status), none found; entry treated as booked (named once per statement)",
        ]),
        ["camt.053/viafintech_vrbank_camt053_edited_duplicated-Ntry-Sts.xml"] = ("duplicated Ntry/Sts",
        [
            "viafintech_vrbank_camt053_edited_duplicated-Ntry-Sts.xml: /Document/BkToCstmrStmt/Stmt[1]/Ntry[1] (line 60)/Sts: entry status 'BOOK' given more than once; read once (named once per statement)",
        ]),
        ["camt.053/viafintech_vrbank_camt053_edited_Amt-without-Ccy.xml"] = ("Amt without Ccy, account currency known",
        [
            "viafintech_vrbank_camt053_edited_Amt-without-Ccy.xml: /Document/BkToCstmrStmt/Stmt[1]/Ntry[1] (line 60)/Amt: amount has no Ccy attribute; the account's currency EUR is assumed (named once per statement)",
        ]),
        ["camt.053/viafintech_wise_camt053_with_datetime_edited_utf8-BOM.xml"] = ("UTF-8 BOM before <?xml", []),
        ["mt940/zilverline_sns_edited_utf8-BOM.txt"] = ("UTF-8 BOM before {1:",
        [
            "zilverline_sns_edited_utf8-BOM.txt: line 1: byte order mark (U+FEFF) before the first field; skipped",
        ]),
        ["mt940/zilverline_van_lanschot_edited_crlf-lf-mix.txt"] = ("CRLF and LF line ends in one file", []),
        ["mt940/sharpmt940_standardbank_transactions.txt"] = ("SOH before {1: and ETX after the final -} (transmission framing)",
        [
            "sharpmt940_standardbank_transactions.txt: line 1: control character U+0001 replaced by a space",
            "sharpmt940_standardbank_transactions.txt: line 62: control character U+0003 replaced by a space",
        ]),
        ["mt940/sharpmt940_abnamro_bom.txt"] = ("UTF-8 BOM before the header line (real file)",
        [
            "sharpmt940_abnamro_bom.txt: line 1: byte order mark (U+FEFF) before the first field; skipped",
        ]),
        ["mt940/sharpmt940_sns_transactions_bom.txt"] = ("UTF-8 BOM before {1: (real file)",
        [
            "sharpmt940_sns_transactions_bom.txt: line 1: byte order mark (U+FEFF) before the first field; skipped",
            "sharpmt940_sns_transactions_bom.txt: statement 0000000000: opening balance 12062.29 + booked entries 18805.89 = 30868.18, but the closing balance is 12062.29 (difference -18805.89)",
        ]),
        ["mt940/php_kbs_sample_edited_trailing-garbage.sta"] = ("NUL bytes after the final -}",
        [
            "php_kbs_sample_edited_trailing-garbage.sta: line 22: control character U+0000 replaced by a space",
        ]),
        ["camt.053/subite_lt_camt053_2024-03-07.xml"] = ("real day statements (Lithuanian account servicer, camt.053.001.08): no CdtDbtInd on any Bal, no Sts on any Ntry",
        [
            "subite_lt_camt053_2024-03-07.xml: /Document/BkToCstmrStmt/Stmt[1]/Ntry[1] (line 2): expected element Sts (entry status), none found; entry treated as booked (named once per statement)",
            "subite_lt_camt053_2024-03-07.xml: /Document/BkToCstmrStmt/Stmt[1]: no CdtDbtInd on Bal[1] (OPBD 21081222.58 credit), Bal[2] (CLBD 21903960.39 credit): signs derived from the statement's arithmetic (opening + booked entries = closing)",
            "subite_lt_camt053_2024-03-07.xml: /Document/BkToCstmrStmt/Stmt[2]: no CdtDbtInd on Bal[1] (OPBD 4801.55), Bal[2] (CLBD 4801.55): assumed credit",
        ]),
        ["camt.053/subite_lt_camt053_2024-04-11.xml"] = ("real day statements: no CdtDbtInd on any Bal, no Sts on any Ntry",
        [
            "subite_lt_camt053_2024-04-11.xml: /Document/BkToCstmrStmt/Stmt[1]/Ntry[1] (line 2): expected element Sts (entry status), none found; entry treated as booked (named once per statement)",
            "subite_lt_camt053_2024-04-11.xml: /Document/BkToCstmrStmt/Stmt[1]: no CdtDbtInd on Bal[1] (OPBD 21463830.35 credit), Bal[2] (CLBD 17194650.59 credit): signs derived from the statement's arithmetic (opening + booked entries = closing)",
            "subite_lt_camt053_2024-04-11.xml: /Document/BkToCstmrStmt/Stmt[2]: no CdtDbtInd on Bal[1] (OPBD 2801.55), Bal[2] (CLBD 2801.55): assumed credit",
        ]),
        ["camt.053/subite_lt_camt053_2024-08-29.xml"] = ("real day statements: no CdtDbtInd on any Bal, no Sts on any Ntry",
        [
            "subite_lt_camt053_2024-08-29.xml: /Document/BkToCstmrStmt/Stmt[1]/Ntry[1] (line 2): expected element Sts (entry status), none found; entry treated as booked (named once per statement)",
            "subite_lt_camt053_2024-08-29.xml: /Document/BkToCstmrStmt/Stmt[1]: no CdtDbtInd on Bal[1] (OPBD 14853172.53 credit), Bal[2] (CLBD 16330637.53 credit): signs derived from the statement's arithmetic (opening + booked entries = closing)",
        ]),
        ["camt.053/subite_lt_camt053_2024-10-14.xml"] = ("real day statements: no CdtDbtInd on any Bal, no Sts on any Ntry",
        [
            "subite_lt_camt053_2024-10-14.xml: /Document/BkToCstmrStmt/Stmt[1]/Ntry[1] (line 2): expected element Sts (entry status), none found; entry treated as booked (named once per statement)",
            "subite_lt_camt053_2024-10-14.xml: /Document/BkToCstmrStmt/Stmt[1]: no CdtDbtInd on Bal[1] (OPBD 17999511.67 credit), Bal[2] (CLBD 17832879.36 credit): signs derived from the statement's arithmetic (opening + booked entries = closing)",
        ]),
        ["camt.053/swiftcbpr_p.2.4.1_camt.053-DtoE_edited_no-balance-CdtDbtInd.xml"] = ("missing CdtDbtInd on every Bal; the statement's own arithmetic decides the signs (-8547.25 + 350000 = 341452.75)",
        [
            "swiftcbpr_p.2.4.1_camt.053-DtoE_edited_no-balance-CdtDbtInd.xml: /Document/BkToCstmrStmt/Stmt[1]: no CdtDbtInd on Bal[1] (OPBD -8547.25 debit), Bal[2] (CLBD 341452.75 credit): signs derived from the statement's arithmetic (opening + booked entries = closing)",
        ]),
        ["camt.053/viafintech_ubs_camt053_v8_edited_no-balance-CdtDbtInd.xml"] = ("missing CdtDbtInd on every Bal of a statement that does not balance: the arithmetic cannot decide",
        [
            "viafintech_ubs_camt053_v8_edited_no-balance-CdtDbtInd.xml: /Document/BkToCstmrStmt/Stmt[1]/Ntry[3]: amount -20.97 EUR is not in the account currency CHF",
            "viafintech_ubs_camt053_v8_edited_no-balance-CdtDbtInd.xml: /Document/BkToCstmrStmt/Stmt[1]: no CdtDbtInd on Bal[1] (OPBD 82721.95), Bal[2] (CLBD 84515.25), Bal[3] (CLAV 83415.25): assumed credit",
            "viafintech_ubs_camt053_v8_edited_no-balance-CdtDbtInd.xml: /Document/BkToCstmrStmt/Stmt[1]: opening balance 82721.95 + booked entries 542.28 = 83264.23, but the closing balance is 84515.25 (difference 1251.02)",
        ]),
        ["camt.053/viafintech_vrbank_camt053_edited_latin1-declared-utf8.xml"] = ("ISO-8859-1 bytes under an encoding=\"UTF-8\" declaration",
        [
            "viafintech_vrbank_camt053_edited_latin1-declared-utf8.xml: line 156, position 21: not valid UTF-8 although the file is declared (or defaults to) UTF-8; the file is read as ISO-8859-1",
        ]),
        // Warning coverage (issue #13, "every warning code with a real or minimally edited real file"): one edit each,
        // MANIFEST.tsv says which. The SOH/ETX framing warnings are the mBank original's own.
        ["mt940/mt940js_ing-1_edited_no-DC-mark-on-64.mta"] = (":64: without its D/C mark",
        [
            "mt940js_ing-1_edited_no-DC-mark-on-64.mta: line 22 (:64:): unreadable balance ignored: expected D/C mark, date YYMMDD, currency and amount with decimal comma (e.g. C240312EUR1234,56), found '100723EUR9945,09'",
        ]),
        ["mt940/php_kontist_sample_edited_no-20-line.sta"] = ("first line :20: removed, the file starts with :21:",
        [
            "php_kontist_sample_edited_no-20-line.sta: line 1 (:21:): field outside any statement ignored",
            "php_kontist_sample_edited_no-20-line.sta: line 2 (:25:): statement has no :20: transaction reference",
        ]),
        ["mt942/wolph_mBank_mt942_edited_90D-without-count.sta"] = (":90D: without its entry count",
        [
            "wolph_mBank_mt942_edited_90D-without-count.sta: line 1: control character U+0001 replaced by a space",
            "wolph_mBank_mt942_edited_90D-without-count.sta: line 25 (:90D:): unreadable totals ignored: expected count, currency and amount (e.g. 3EUR120,00), found 'PLN0,00'",
            "wolph_mBank_mt942_edited_90D-without-count.sta: line 27: control character U+0003 replaced by a space",
        ]),
        ["mt942/wolph_mBank_mt942_edited_34F-without-amount.sta"] = (":34F: without its amount",
        [
            "wolph_mBank_mt942_edited_34F-without-amount.sta: line 1: control character U+0001 replaced by a space",
            "wolph_mBank_mt942_edited_34F-without-amount.sta: line 5 (:34F:): unreadable floor limit ignored: expected currency, optional D/C mark and amount (e.g. EUR0, or EURD100,00), found 'PLN'",
            "wolph_mBank_mt942_edited_34F-without-amount.sta: line 27: control character U+0003 replaced by a space",
        ]),
        ["mt942/wolph_mBank_mt942_edited_13D-without-offset.sta"] = (":13D: without its UTC offset",
        [
            "wolph_mBank_mt942_edited_13D-without-offset.sta: line 1: control character U+0001 replaced by a space",
            "wolph_mBank_mt942_edited_13D-without-offset.sta: line 6 (:13D:): unreadable date/time indication ignored: expected YYMMDDHHMM and a UTC offset (e.g. 1701191815+0100), found '1701191815'",
            "wolph_mBank_mt942_edited_13D-without-offset.sta: line 27: control character U+0003 replaced by a space",
        ]),
        ["camt.053/viafintech_vrbank_camt053_edited_Sts-BOOKED.xml"] = ("Ntry/Sts 'BOOKED', not an ExternalEntryStatus code",
        [
            "viafintech_vrbank_camt053_edited_Sts-BOOKED.xml: /Document/BkToCstmrStmt/Stmt[1]/Ntry[1] (line 60)/Sts: status 'BOOKED' is not BOOK, PDNG, INFO or FUTR; entry treated as booked",
        ]),
        ["camt.053/viafintech_vrbank_camt053_edited_no-xmlns.xml"] = ("Document without the ISO 20022 namespace",
        [
            "viafintech_vrbank_camt053_edited_no-xmlns.xml: /Document/BkToCstmrStmt: namespace '' is not an ISO 20022 camt namespace; read as camt.053 by element name",
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
