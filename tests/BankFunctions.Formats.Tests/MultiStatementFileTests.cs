using System.Text;
using BankFunctions.Formats.Statements;

namespace BankFunctions.Formats.Tests;

/// <summary>
/// Files with several statements for several accounts: each statement keeps its own account, currency and balances,
/// and streamed entries say which statement they belong to (so an import can route them without buffering the file).
/// </summary>
public sealed class MultiStatementFileTests
{
    [Fact]
    public void Legacy_rabobank_file_reads_each_statement_with_its_account_without_the_currency_suffix()
    {
        // wolph/mt940 jejik/rabobank.sta: four statements, two accounts, ":25:1291.99.348EUR".
        var statements = Corpus.Parse("mt940/wolph_jejik_rabobank.sta").Statements;

        Assert.Equal(["1291.99.348", "1291.99.348", "1291.99.348", "1526.89.184"], statements.Select(s => s.Account));
        Assert.All(statements, s => Assert.Equal("EUR", s.Currency));
        Assert.Equal(["940A110615", "940A110616", "940A110617", "940A120829"], statements.Select(s => s.Id));
        Assert.Equal([1, 0, 2, 2], statements.Select(s => s.EntryCount));
        // Balances per statement as the reference parser (wolph/mt940 rabobank.yml) gives the last one: 4196.12 → 4101.82.
        Assert.Equal((4196.12m, 4101.82m), (statements[3].OpeningBalance!.Value, statements[3].ClosingBalance!.Value));
        Assert.Equal([-88.10m, -6.20m], statements[3].Entries.Select(e => e.Amount));
    }

    [Fact]
    public void Legacy_rabobank_file_of_four_accounts_reads_the_statement_behind_a_dos_eof_byte_as_its_own()
    {
        // zilverline/mt940 two_accounts: "\x1A:20:940A121029" starts the 4th statement (account 1325.76.155); reading
        // the tag as text merged it into the 3rd (3462.483.153), entries and balances into another account's.
        var statements = Corpus.Parse("mt940/zilverline_rabobank_two_accounts.txt").Statements;

        Assert.Equal(["1567.50.961", "9914.30.727", "3462.483.153", "1325.76.155"], statements.Select(s => s.Account));
        Assert.Equal(["940A120918", "940A121024", "940A121101", "940A121029"], statements.Select(s => s.Id));
        Assert.Equal((5000.00m, 5000.00m, 0), (statements[2].OpeningBalance!.Value, statements[2].ClosingBalance!.Value, statements[2].EntryCount));
        Assert.Equal((-12.00m, 238.00m, 250.00m), (statements[3].OpeningBalance!.Value, statements[3].ClosingBalance!.Value, statements[3].Entries.Single().Amount));
        Assert.DoesNotContain(statements.SelectMany(s => s.Warnings), w => w.Code == StatementWarningCodes.AccountRepeated);
    }

    [Fact]
    public void Rabobank_sample_keeps_one_account_number_in_several_currencies_apart()
    {
        // fruitl00p/php-mt940 Rabo/sample: 39 statements; account 1700.59.308 in EUR, USD and JPY.
        var statements = Corpus.Parse("mt940/php_rabo_sample.sta").Statements;

        Assert.Equal(39, statements.Count);
        var byAccount = statements.GroupBy(s => (s.Account, s.Currency)).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(9, byAccount[("1700.59.308", "EUR")]);
        Assert.Equal(3, byAccount[("1700.59.308", "USD")]);
        Assert.Equal(3, byAccount[("1700.59.308", "JPY")]);
        Assert.Equal(3, byAccount[("0800003200000001610722", "EUR")]);
        Assert.DoesNotContain(statements, s => s.Account!.EndsWith(s.Currency!, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(":25:NL10BUNQ2290325473 EUR", "NL10BUNQ2290325473")]
    [InlineData(":25:UBRTHUHB/123456789150ABCDEF002/EUR", "UBRTHUHB/123456789150ABCDEF002")]
    [InlineData(":25:4324567-0000081EUR", "4324567-0000081")]
    [InlineData(":25:DE89370400440532013000", "DE89370400440532013000")]
    [InlineData(":25:BANKDEFFEUR", "BANKDEFFEUR")] // letters before the code belong to the identification
    [InlineData(":25:1234USD", "1234USD")] // another currency than the statement's stays
    public void A_currency_suffix_is_cut_only_when_it_is_the_statements_currency(string field, string account)
    {
        var text = $":20:S1\n{field}\n:28C:1\n:60F:C231229EUR100,00\n:62F:C231229EUR100,00\n-\n";
        Assert.Equal(account, StatementText.Parse(text).Statements.Single().Account);
    }

    [Theory]
    [InlineData("mt940/wolph_betterplace_sepa_mt9401.sta")]
    [InlineData("mt940/php_rabo_sample.sta")]
    [InlineData("mt940/wolph_cmxl_mt940.sta")]
    [InlineData("camt.053/genkgo_camt053.v2.multi.statement.xml")]
    [InlineData("camt.053/iso20022js_goldmansachs_camt_053_uk_v2.xml")]
    [InlineData("mt942/svirin_transactions.mt942")]
    public void Streamed_entries_name_the_statement_they_belong_to(string file)
    {
        var retained = Corpus.Parse(file);
        var streamed = new List<(int Statement, StatementEntry Entry)>();
        using var stream = File.OpenRead(Path.Combine(Corpus.Root, file));
        StatementParser.Parse(stream, Path.GetFileName(file), new StatementParseOptions { RetainEntries = false, OnStatementEntry = (i, e) => streamed.Add((i, e)) });

        var expected = retained.Statements.SelectMany((s, i) => s.Entries.Select(e => (i, e.Amount))).ToList();
        Assert.Equal(expected, streamed.Select(x => (x.Statement, x.Entry.Amount)).ToList());
        Assert.True(retained.Statements.Count > 1);
    }

    [Fact]
    public void Camt_statements_keep_their_own_accounts_and_currencies()
    {
        static string Stmt(string id, string iban, string ccy, string amount) =>
            $"<Stmt><Id>{id}</Id><Acct><Id><IBAN>{iban}</IBAN></Id><Ccy>{ccy}</Ccy></Acct>"
            + $"<Ntry><Amt Ccy=\"{ccy}\">{amount}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts><BookgDt><Dt>2026-12-04</Dt></BookgDt></Ntry></Stmt>";
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.08\"><BkToCstmrStmt>"
            + Stmt("A", "DE89370400440532013000", "EUR", "1.00") + Stmt("B", "GB82WEST12345698765432", "GBP", "2.00") + Stmt("C", "DE89370400440532013000", "EUR", "3.00")
            + "</BkToCstmrStmt></Document>";
        var statements = StatementParser.Parse(new MemoryStream(Encoding.UTF8.GetBytes(xml)), "multi.xml").Statements;

        Assert.Equal([("DE89370400440532013000", "EUR"), ("GB82WEST12345698765432", "GBP"), ("DE89370400440532013000", "EUR")], statements.Select(s => (s.Account, s.Currency)));
        Assert.Equal([1.00m, 2.00m, 3.00m], statements.Select(s => s.Entries.Single().Amount));
    }

    [Fact]
    public void Entries_of_a_camt_file_the_fast_reader_declines_midway_keep_their_statement_index_and_are_handed_out_once()
    {
        static string Entry(int i) => $"<Ntry><Amt Ccy=\"EUR\">{i}.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts><AddtlNtryInf>{(i == 4 ? "<![CDATA[four]]>" : "entry " + i)}</AddtlNtryInf></Ntry>";
        var xml = $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt>
            <Stmt><Id>A</Id>{Entry(1)}{Entry(2)}</Stmt><Stmt><Id>B</Id>{Entry(3)}{Entry(4)}{Entry(5)}</Stmt>
            </BkToCstmrStmt></Document>
            """;
        var handedOut = new List<(int, decimal)>();
        var plain = new List<decimal>();
        StatementParser.Parse(new MemoryStream(Encoding.UTF8.GetBytes(xml)), "declined.xml",
            new StatementParseOptions { OnStatementEntry = (i, e) => handedOut.Add((i, e.Amount)), OnEntry = e => plain.Add(e.Amount) });

        Assert.Equal([(0, 1m), (0, 2m), (1, 3m), (1, 4m), (1, 5m)], handedOut);
        Assert.Equal([1m, 2m, 3m, 4m, 5m], plain);
    }
}
