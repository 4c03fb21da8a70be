using BankFunctions.Formats.Statements;

namespace BankFunctions.Formats.Tests;

public sealed class CamtReaderTests
{
    private const string Ns = "urn:iso:std:iso:20022:tech:xsd:camt.053.001.08";

    private static string Document(string entries, string balances = "") => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <Document xmlns="{Ns}"><BkToCstmrStmt><GrpHdr><MsgId>M1</MsgId></GrpHdr>
        <Stmt><Id>S1</Id><ElctrncSeqNb>42</ElctrncSeqNb><FrToDt><FrDtTm>2026-11-20T00:00:00+01:00</FrDtTm><ToDtTm>2026-11-20T23:59:59+01:00</ToDtTm></FrToDt>
        <Acct><Id><IBAN>DE89370400440532013000</IBAN></Id><Ccy>EUR</Ccy></Acct>
        {balances}{entries}
        </Stmt></BkToCstmrStmt></Document>
        """;

    private static string Balance(string code, string amount, string indicator) =>
        $"<Bal><Tp><CdOrPrtry><Cd>{code}</Cd></CdOrPrtry></Tp><Amt Ccy=\"EUR\">{amount}</Amt><CdtDbtInd>{indicator}</CdtDbtInd><Dt><Dt>2026-11-20</Dt></Dt></Bal>";

    private const string BatchEntry = """
        <Ntry><Amt Ccy="EUR">300.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>
          <BookgDt><Dt>2026-11-20</Dt></BookgDt><ValDt><DtTm>2026-11-21T00:00:00+01:00</DtTm></ValDt><AcctSvcrRef>BATCH-1</AcctSvcrRef>
          <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>ICDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>
          <NtryDtls><Btch><NbOfTxs>2</NbOfTxs></Btch>
            <TxDtls><Refs><EndToEndId>E2E-1</EndToEndId><UETR>eb6305c9-1f7f-49de-aed0-16487c27b42d</UETR></Refs><Amt Ccy="EUR">100.00</Amt><CdtDbtInd>DBIT</CdtDbtInd>
              <RltdPties><Cdtr><Pty><Nm>Alpha GmbH</Nm></Pty></Cdtr><CdtrAcct><Id><IBAN>DE02120300000000202051</IBAN></Id></CdtrAcct></RltdPties>
              <RltdAgts><CdtrAgt><FinInstnId><BICFI>BYLADEM1001</BICFI></FinInstnId></CdtrAgt></RltdAgts>
              <RmtInf><Ustrd>Invoice 1</Ustrd></RmtInf></TxDtls>
            <TxDtls><Refs><EndToEndId>E2E-2</EndToEndId></Refs><Amt Ccy="EUR">200.00</Amt><CdtDbtInd>DBIT</CdtDbtInd>
              <RltdPties><Cdtr><Pty><Nm>Beta SA</Nm></Pty></Cdtr></RltdPties><RmtInf><Ustrd>Invoice 2</Ustrd></RmtInf></TxDtls>
          </NtryDtls></Ntry>
        """;

    [Fact]
    public void Batch_booking_keeps_every_transaction_with_its_own_amount_references_and_counterparty()
    {
        var statement = StatementText.Parse(Document(BatchEntry, Balance("OPBD", "1000.00", "CRDT") + Balance("CLBD", "700.00", "CRDT")), "batch.xml").Statements.Single();
        Assert.Equal(StatementKinds.Camt053, statement.Kind);
        Assert.Equal(("S1", "42", "DE89370400440532013000", "EUR"), (statement.Id, statement.Sequence, statement.Account, statement.Currency));
        Assert.Empty(statement.Warnings);
        var entry = statement.Entries.Single();
        Assert.Equal(-300.00m, entry.Amount);
        Assert.Equal(("BATCH-1", "PMNT-ICDT-ESCT", EntryStatus.Booked), (entry.BankReference, entry.BankTransactionCode, entry.Status));
        Assert.Equal(new DateOnly(2026, 11, 21), entry.ValueDate);
        Assert.Null(entry.EndToEndId);
        Assert.Equal([-100.00m, -200.00m], entry.Details.Select(d => d.Amount!.Value));
        Assert.Equal(["E2E-1", "E2E-2"], entry.Details.Select(d => d.EndToEndId));
        Assert.Equal("eb6305c9-1f7f-49de-aed0-16487c27b42d", entry.Details[0].Uetr);
        Assert.Equal(new Counterparty { Name = "Alpha GmbH", Account = "DE02120300000000202051", Bank = "BYLADEM1001" }, entry.Details[0].Counterparty);
        Assert.Equal("Invoice 2", entry.Details[1].RemittanceInformation);
    }

    [Fact]
    public void Reversal_entry_keeps_the_booked_direction_and_flags_the_reversal()
    {
        var entry = """
            <Ntry><Amt Ccy="EUR">50.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><RvslInd>true</RvslInd><Sts>BOOK</Sts><BookgDt><Dt>2026-11-20</Dt></BookgDt>
              <NtryDtls><TxDtls><Refs><EndToEndId>E2E-R</EndToEndId></Refs>
                <RltdPties><Dbtr><Nm>Our Company</Nm></Dbtr><Cdtr><Nm>Closed Account Ltd</Nm></Cdtr><CdtrAcct><Id><IBAN>GB33BUKB20201555555555</IBAN></Id></CdtrAcct></RltdPties>
                <RtrInf><Rsn><Cd>AC04</Cd></Rsn></RtrInf></TxDtls></NtryDtls></Ntry>
            """;
        var read = StatementText.Parse(Document(entry, Balance("OPBD", "0.00", "CRDT") + Balance("CLBD", "50.00", "CRDT")), "r.xml").Statements.Single().Entries.Single();
        Assert.Equal(50.00m, read.Amount);
        Assert.True(read.IsReversal);
        Assert.Equal("AC04", read.ReturnInfo);
        Assert.Equal("E2E-R", read.EndToEndId);
        // The money came back from the creditor of our original payment: that creditor is the counterparty.
        Assert.Equal(new Counterparty { Name = "Closed Account Ltd", Account = "GB33BUKB20201555555555" }, read.Counterparty);
    }

    [Fact]
    public void Pending_entries_are_not_counted_against_the_closing_balance()
    {
        var pending = "<Ntry><Amt Ccy=\"EUR\">5.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts><Cd>PDNG</Cd></Sts></Ntry>";
        var statement = StatementText.Parse(Document(pending, Balance("OPBD", "10.00", "CRDT") + Balance("CLBD", "10.00", "CRDT")), "p.xml").Statements.Single();
        Assert.Equal(EntryStatus.Pending, statement.Entries.Single().Status);
        Assert.Empty(statement.Warnings);
    }

    [Fact]
    public void Corpus_returns_notification_carries_the_reason_code()
    {
        var entry = Corpus.Parse("camt.054/moov_postfinance_camt054_returns_v04.xml").Statements.Single().Entries.Single();
        Assert.Equal(400.00m, entry.Amount);
        Assert.Equal("AC01", entry.ReturnInfo);
        Assert.Equal("EndToEndId-004-01-01", entry.EndToEndId);
        Assert.Equal("086820002PBWFX2U", entry.BankReference);
    }

    [Fact]
    public void Corpus_uetr_is_read()
    {
        var entry = Corpus.Parse("camt.054/genkgo_camt054.v8-with-UETR.xml").Statements.Single().Entries.Single();
        Assert.Equal("255ae394-9965-4438-ac86-f406feada396", entry.Uetr);
        Assert.Equal(-200000m, entry.Amount);
    }

    [Fact]
    public void Corpus_business_application_header_envelope_is_read()
    {
        var result = Corpus.Parse("camt.053/prowide_camt.053.001.07.xml");
        Assert.Equal(StatementKinds.Camt053, result.Format);
        Assert.Equal(["OPAV", "ITBD"], result.Statements.Single().Balances.Select(b => b.Type));
    }

    [Fact]
    public void External_entities_are_never_resolved()
    {
        var secret = Path.Combine(Path.GetTempPath(), "xxe-" + Guid.NewGuid().ToString("N") + ".txt");
        File.WriteAllText(secret, "TOPSECRET");
        try
        {
            var xml = $"""
                <?xml version="1.0"?>
                <!DOCTYPE Document [<!ENTITY xxe SYSTEM "file://{secret}">]>
                <Document xmlns="{Ns}"><BkToCstmrStmt><Stmt><Id>&xxe;</Id></Stmt></BkToCstmrStmt></Document>
                """;
            var ex = StatementText.Refused(xml, "xxe.xml");
            Assert.Contains("xxe.xml: document prolog: malformed XML", ex.Message, StringComparison.Ordinal);
            Assert.Contains("DTDs are not allowed in statement files", ex.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("XmlReaderSettings", ex.Message, StringComparison.Ordinal); // no .NET advice to API clients
            Assert.DoesNotContain("TOPSECRET", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(secret);
        }
    }

    [Fact]
    public void Truncated_document_is_refused_with_its_line()
    {
        var xml = Document(BatchEntry);
        var ex = StatementText.Refused(xml[..(xml.Length / 2)], "cut.xml");
        Assert.Matches(@"^cut\.xml: line \d+, position \d+: malformed XML", ex.Message);
    }

    [Theory]
    [InlineData("<Amt Ccy=\"EUR\">-1.00</Amt><CdtDbtInd>DBIT</CdtDbtInd>", "/Document/BkToCstmrStmt/Stmt[1]/Ntry[1] (line 5)/Amt: expected a decimal amount")]
    [InlineData("<Amt Ccy=\"EUR\">1,00</Amt><CdtDbtInd>DBIT</CdtDbtInd>", "/Amt: expected a decimal amount")]
    [InlineData("<Amt Ccy=\"EUR\">1.00</Amt><CdtDbtInd>DEBIT</CdtDbtInd>", "/CdtDbtInd: expected CRDT or DBIT, found 'DEBIT'")]
    [InlineData("<Amt Ccy=\"EUR\">1.00</Amt>", "Ntry[1] (line 5): expected element CdtDbtInd")]
    [InlineData("<CdtDbtInd>DBIT</CdtDbtInd>", "Ntry[1] (line 5): expected element Amt")]
    public void Broken_entry_is_refused_with_its_xpath(string content, string expected)
    {
        var ex = StatementText.Refused(Document($"<Ntry>{content}<Sts><Cd>BOOK</Cd></Sts></Ntry>"), "e.xml");
        Assert.StartsWith("e.xml: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("camt.052.001.02", StatementKinds.Camt052, "BkToCstmrAcctRpt", "Rpt")]
    [InlineData("camt.053.001.10", StatementKinds.Camt053, "BkToCstmrStmt", "Stmt")]
    [InlineData("camt.054.001.09", StatementKinds.Camt054, "BkToCstmrDbtCdtNtfctn", "Ntfctn")]
    public void Message_kind_comes_from_the_message_element_and_namespace(string version, string kind, string root, string statement)
    {
        var xml = $"<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:{version}\"><{root}><{statement}><Id>X</Id></{statement}></{root}></Document>";
        Assert.Equal(kind, StatementText.Parse(xml, "k.xml").Statements.Single().Kind);
    }
}
