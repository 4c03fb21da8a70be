using System.Text;
using BankFunctions.Formats.Statements;

namespace BankFunctions.Formats.Tests;

/// <summary>
/// Issue #13: camt deviations read with a warning by default and refused when parsing is strict. Every case is read
/// through both camt readers (the fast scanner takes a seekable input, XmlReader a forward-only one) with the same result.
/// </summary>
public sealed class LenientCamtTests
{
    private const string Ns = "urn:iso:std:iso:20022:tech:xsd:camt.053.001.08";

    private static string Document(string body, string accountCurrency = "<Ccy>EUR</Ccy>") => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <Document xmlns="{Ns}"><BkToCstmrStmt><GrpHdr><MsgId>M1</MsgId></GrpHdr>
        <Stmt><Id>S1</Id><Acct><Id><IBAN>DE89370400440532013000</IBAN></Id>{accountCurrency}</Acct>
        {body}
        </Stmt></BkToCstmrStmt></Document>
        """;

    private static string Balance(string code, string amount, string? indicator, string currency = " Ccy=\"EUR\"") =>
        $"<Bal><Tp><CdOrPrtry><Cd>{code}</Cd></CdOrPrtry></Tp><Amt{currency}>{amount}</Amt>{(indicator is null ? "" : $"<CdtDbtInd>{indicator}</CdtDbtInd>")}<Dt><Dt>2026-11-20</Dt></Dt></Bal>";

    private static string Entry(string amount, string indicator, string status = "<Sts><Cd>BOOK</Cd></Sts>", string currency = " Ccy=\"EUR\"") =>
        $"<Ntry><Amt{currency}>{amount}</Amt><CdtDbtInd>{indicator}</CdtDbtInd>{status}<BookgDt><Dt>2026-11-20</Dt></BookgDt></Ntry>";

    /// <summary>Reads through the fast reader and through XmlReader; both must agree (as JSON) before one is returned.</summary>
    private static Statement Read(string xml, bool strict = false)
    {
        var options = new StatementParseOptions { Strict = strict };
        var bytes = Encoding.UTF8.GetBytes(xml);
        var fast = StatementParser.Parse(new MemoryStream(bytes), "day.xml", options);
        var xmlReader = StatementParser.Parse(new ForwardOnly(bytes), "day.xml", options);
        Assert.Equal(StatementJson.Serialize(xmlReader), StatementJson.Serialize(fast));
        return fast.Statements.Single();
    }

    private static StatementFormatException Refused(string xml)
    {
        var bytes = Encoding.UTF8.GetBytes(xml);
        var options = new StatementParseOptions { Strict = true };
        var fast = Assert.Throws<StatementFormatException>(() => StatementParser.Parse(new MemoryStream(bytes), "day.xml", options));
        var xmlReader = Assert.Throws<StatementFormatException>(() => StatementParser.Parse(new ForwardOnly(bytes), "day.xml", options));
        Assert.Equal(xmlReader.Message, fast.Message);
        return fast;
    }

    [Fact]
    public void Balances_without_CdtDbtInd_take_the_signs_that_make_the_statement_add_up()
    {
        // 100 + (−300) = −200: only "opening credit, closing debit" balances.
        var xml = Document(Balance("OPBD", "100.00", null) + Balance("CLBD", "200.00", null) + Entry("300.00", "DBIT"));
        var statement = Read(xml);
        Assert.Equal((100.00m, -200.00m), (statement.OpeningBalance!.Value, statement.ClosingBalance!.Value));
        var warning = Assert.Single(statement.Warnings);
        Assert.Equal(StatementWarningCodes.BalanceIndicatorMissing, warning.Code);
        Assert.Equal("day.xml: /Document/BkToCstmrStmt/Stmt[1]: no CdtDbtInd on Bal[1] (OPBD 100.00 credit), Bal[2] (CLBD -200.00 debit): "
            + "signs derived from the statement's arithmetic (opening + booked entries = closing)", warning.Message);
    }

    [Fact]
    public void A_missing_sign_next_to_a_signed_balance_is_derived_too()
    {
        var statement = Read(Document(Balance("OPBD", "50.00", "DBIT") + Balance("CLBD", "30.00", null) + Entry("80.00", "CRDT")));
        Assert.Equal((-50.00m, 30.00m), (statement.OpeningBalance!.Value, statement.ClosingBalance!.Value));
        Assert.EndsWith("no CdtDbtInd on Bal[2] (CLBD 30.00 credit): signs derived from the statement's arithmetic (opening + booked entries = closing)", Assert.Single(statement.Warnings).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Balances_without_CdtDbtInd_are_assumed_credits_when_the_arithmetic_does_not_decide()
    {
        // No entries and equal amounts: credit/credit and debit/debit both add up.
        var statement = Read(Document(Balance("OPBD", "70.00", null) + Balance("CLBD", "70.00", null) + Balance("CLAV", "5.00", null)));
        Assert.Equal([70.00m, 70.00m, 5.00m], statement.Balances.Select(b => b.Value));
        var warning = Assert.Single(statement.Warnings, w => w.Code == StatementWarningCodes.BalanceIndicatorMissing);
        Assert.Equal("day.xml: /Document/BkToCstmrStmt/Stmt[1]: no CdtDbtInd on Bal[1] (OPBD 70.00), Bal[2] (CLBD 70.00), Bal[3] (CLAV 5.00): assumed credit", warning.Message);
    }

    [Fact]
    public void Balances_the_arithmetic_cannot_sign_are_assumed_credits_next_to_derived_ones()
    {
        var statement = Read(Document(Balance("OPBD", "100.00", null) + Balance("CLAV", "9.00", null) + Balance("CLBD", "200.00", null) + Entry("300.00", "DBIT")));
        Assert.Equal([100.00m, 9.00m, -200.00m], statement.Balances.Select(b => b.Value));
        Assert.Equal("day.xml: /Document/BkToCstmrStmt/Stmt[1]: no CdtDbtInd on Bal[1] (OPBD 100.00 credit), Bal[3] (CLBD -200.00 debit): signs derived from the statement's arithmetic "
            + "(opening + booked entries = closing); on Bal[2] (CLAV 9.00): assumed credit", Assert.Single(statement.Warnings).Message);
    }

    [Fact]
    public void Balances_that_never_add_up_are_assumed_credits_and_the_mismatch_is_still_reported()
    {
        var statement = Read(Document(Balance("OPBD", "10.00", null) + Balance("CLBD", "99.00", null) + Entry("1.00", "CRDT")));
        Assert.Equal((10.00m, 99.00m), (statement.OpeningBalance!.Value, statement.ClosingBalance!.Value));
        Assert.Equal([StatementWarningCodes.BalanceIndicatorMissing, StatementWarningCodes.BalanceMismatch], statement.Warnings.Select(w => w.Code));
    }

    [Fact]
    public void Strict_parsing_refuses_a_balance_without_CdtDbtInd_where_it_is()
    {
        var ex = Refused(Document(Balance("OPBD", "100.00", "CRDT") + Balance("CLBD", "200.00", null) + Entry("300.00", "DBIT")));
        Assert.Equal("day.xml: /Document/BkToCstmrStmt/Stmt[1]/Bal[2] (line 4): expected element CdtDbtInd (CRDT or DBIT), none found (refused in strict mode; lenient parsing reads it with warning balance.indicator_missing)", ex.Message);
    }

    [Fact]
    public void An_entry_without_Sts_is_booked_with_a_warning_and_refused_when_strict()
    {
        var xml = Document(Entry("1.00", "CRDT", status: ""));
        var statement = Read(xml);
        Assert.Equal(EntryStatus.Booked, statement.Entries.Single().Status);
        Assert.Equal(StatementWarningCodes.EntryStatusMissing, Assert.Single(statement.Warnings).Code);
        Assert.Contains("Ntry[1] (line 4): expected element Sts (entry status), none found", Refused(xml).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_entry_with_the_same_Sts_twice_is_read_once_with_a_warning_and_refused_when_strict()
    {
        var xml = Document(Entry("1.00", "CRDT", status: "<Sts><Cd>PDNG</Cd></Sts><Sts><Cd>PDNG</Cd></Sts>"));
        var statement = Read(xml);
        Assert.Equal(EntryStatus.Pending, statement.Entries.Single().Status);
        var warning = Assert.Single(statement.Warnings);
        Assert.Equal((StatementWarningCodes.EntryStatusRepeated, "day.xml: /Document/BkToCstmrStmt/Stmt[1]/Ntry[1] (line 4)/Sts: entry status 'PDNG' given more than once; read once (named once per statement)"), (warning.Code, warning.Message));
        Assert.Contains("entry status 'PDNG' given more than once", Refused(xml).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_deviation_on_every_entry_is_named_once_per_statement_at_its_first_place()
    {
        var statement = Read(Document(Entry("1.00", "CRDT", status: "", currency: "") + Entry("2.00", "CRDT", status: "", currency: "") + Entry("3.00", "DBIT", status: "")));
        Assert.Equal(3, statement.Entries.Count);
        Assert.Equal(
            [(StatementWarningCodes.AmountCurrencyMissing, "Ntry[1] (line 4)/Amt: amount has no Ccy attribute; the account's currency EUR is assumed (named once per statement)"),
             (StatementWarningCodes.EntryStatusMissing, "Ntry[1] (line 4): expected element Sts (entry status), none found; entry treated as booked (named once per statement)")],
            statement.Warnings.Select(w => (w.Code, w.Message[(w.Message.IndexOf("Ntry[", StringComparison.Ordinal))..])));
    }

    [Fact]
    public void An_entry_with_two_different_statuses_is_refused_even_when_lenient()
    {
        var xml = Document(Entry("1.00", "CRDT", status: "<Sts><Cd>BOOK</Cd></Sts><Sts><Cd>PDNG</Cd></Sts>"));
        var ex = Assert.Throws<StatementFormatException>(() => StatementParser.Parse(new MemoryStream(Encoding.UTF8.GetBytes(xml)), "day.xml"));
        Assert.Equal("day.xml: /Document/BkToCstmrStmt/Stmt[1]/Ntry[1] (line 4)/Sts: expected one entry status, found 'BOOK' and 'PDNG'; cannot tell whether the entry is booked", ex.Message);
    }

    [Fact]
    public void Amounts_without_Ccy_take_the_account_currency_with_a_warning_and_are_refused_when_strict()
    {
        var xml = Document(Balance("OPBD", "1.00", "CRDT", currency: "") + Entry("2.00", "CRDT", currency: "") + Balance("CLBD", "3.00", "CRDT"));
        var statement = Read(xml);
        Assert.Equal(("EUR", "EUR"), (statement.OpeningBalance!.Currency, statement.Entries.Single().Currency));
        Assert.Equal(
            ["day.xml: /Document/BkToCstmrStmt/Stmt[1]/Bal[1] (line 4)/Amt: amount has no Ccy attribute; the account's currency EUR is assumed",
             "day.xml: /Document/BkToCstmrStmt/Stmt[1]/Ntry[1] (line 4)/Amt: amount has no Ccy attribute; the account's currency EUR is assumed (named once per statement)"],
            statement.Warnings.Where(w => w.Code == StatementWarningCodes.AmountCurrencyMissing).Select(w => w.Message));
        Assert.Contains("Bal[1] (line 4)/Amt: amount has no Ccy attribute", Refused(xml).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_Acct_Ccy_an_amount_without_Ccy_takes_the_balances_currency()
    {
        var statement = Read(Document(Balance("OPBD", "1.00", "CRDT", currency: " Ccy=\"CHF\"") + Entry("2.00", "CRDT", currency: ""), accountCurrency: ""));
        Assert.Equal("CHF", statement.Entries.Single().Currency);
        Assert.Contains(statement.Warnings, w => w.Code == StatementWarningCodes.AmountCurrencyMissing && w.Message.EndsWith("currency CHF is assumed (named once per statement)", StringComparison.Ordinal));
    }

    [Fact]
    public void An_amount_without_Ccy_is_refused_when_the_account_currency_is_unknown()
    {
        var xml = Document(Entry("2.00", "CRDT", currency: ""), accountCurrency: "");
        var ex = Assert.Throws<StatementFormatException>(() => StatementParser.Parse(new MemoryStream(Encoding.UTF8.GetBytes(xml)), "day.xml"));
        Assert.Equal("day.xml: /Document/BkToCstmrStmt/Stmt[1]/Ntry[1] (line 4)/Amt: expected attribute Ccy (currency of the amount), none found, and the account's currency is not known (no Acct/Ccy, no balance with a currency)", ex.Message);
    }

    [Fact]
    public void Mixed_line_endings_are_read_as_with_LF_only_and_raise_nothing()
    {
        var lf = Document(Balance("OPBD", "1.00", "CRDT") + "\n" + Entry("2.00", "CRDT") + "\n" + Balance("CLBD", "3.00", "CRDT"));
        var mixed = lf.Replace("\n", "\r\n", StringComparison.Ordinal);
        mixed = mixed[..(mixed.Length / 2)] + mixed[(mixed.Length / 2)..].Replace("\r\n", "\r", StringComparison.Ordinal);
        var statement = Read(mixed);
        Assert.Empty(statement.Warnings);
        Assert.Equal(StatementJson.Serialize(StatementText.Parse(lf, "day.xml")), StatementJson.Serialize(StatementText.Parse(mixed, "day.xml")));
    }

    [Fact]
    public void A_Latin1_file_declared_as_UTF8_is_read_as_Latin1_with_a_warning_and_every_entry_handed_out_once()
    {
        // Ntry 1 is read before the first non-UTF-8 byte (in Ntry 2), so the first pass has already handed it out.
        var xml = Document(Balance("OPBD", "1.00", "CRDT") + Entry("2.00", "CRDT")
            + "<Ntry><Amt Ccy=\"EUR\">3.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts><AddtlNtryInf>M\u00fcller Stra\u00dfe</AddtlNtryInf></Ntry>"
            + Balance("CLBD", "6.00", "CRDT"));
        var bytes = Encoding.Latin1.GetBytes(xml);
        var handedOut = new List<decimal>();
        var options = new StatementParseOptions { OnEntry = e => handedOut.Add(e.Amount), RetainEntries = false };

        var result = StatementParser.Parse(new MemoryStream(bytes), "latin1.xml", options);

        Assert.Equal([2.00m, 3.00m], handedOut);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal((StatementWarningCodes.EncodingLatin1DeclaredUtf8, "latin1.xml: line 4, position 361: not valid UTF-8 although the file is declared (or defaults to) UTF-8; the file is read as ISO-8859-1"), (warning.Code, warning.Message));
        Assert.Empty(result.Statements.Single().Warnings);
        Assert.Equal("M\u00fcller Stra\u00dfe", StatementParser.Parse(new MemoryStream(bytes), "latin1.xml").Statements.Single().Entries[1].AdditionalInformation);
    }

    [Fact]
    public void A_Latin1_file_declared_as_UTF8_is_refused_at_the_first_bad_byte_when_strict_or_not_rewindable()
    {
        var bytes = Encoding.Latin1.GetBytes(Document("<Ntry><Amt Ccy=\"EUR\">3.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts><AddtlNtryInf>M\u00fcller</AddtlNtryInf></Ntry>"));
        var strict = Assert.Throws<StatementFormatException>(() => StatementParser.Parse(new MemoryStream(bytes), "latin1.xml", new StatementParseOptions { Strict = true }));
        Assert.StartsWith("latin1.xml: line 4, position 98: not valid UTF-8 although the file is declared (or defaults to) UTF-8; the file is read as ISO-8859-1 (refused in strict mode", strict.Message, StringComparison.Ordinal);
        var forwardOnly = Assert.Throws<StatementFormatException>(() => StatementParser.Parse(new ForwardOnly(bytes), "latin1.xml"));
        Assert.StartsWith("latin1.xml: line 4, position 98: malformed XML: Invalid character in the given encoding.", forwardOnly.Message, StringComparison.Ordinal);
    }

    private sealed class ForwardOnly(byte[] data) : MemoryStream(data, writable: false)
    {
        public override bool CanSeek => false;
    }
}
