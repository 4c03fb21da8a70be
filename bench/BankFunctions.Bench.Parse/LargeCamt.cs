using System.Globalization;
using System.Text;

namespace BankFunctions.Bench.Parse;

/// <summary>Writes a camt.053.001.08 with one statement of as many entries as fit the size, balanced (OPBD + entries = CLBD).</summary>
internal static class LargeCamt
{
    public static int Generate(string path, int megabytes)
    {
        var target = megabytes * 1024L * 1024L;
        using var stream = File.Create(path);
        using var writer = new StreamWriter(stream, new UTF8Encoding(false));
        var c = CultureInfo.InvariantCulture;
        writer.Write("""
            <?xml version="1.0" encoding="UTF-8"?>
            <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt><GrpHdr><MsgId>BENCH</MsgId><CreDtTm>2026-11-22T00:00:00Z</CreDtTm></GrpHdr>
            <Stmt><Id>BENCH-1</Id><ElctrncSeqNb>1</ElctrncSeqNb><Acct><Id><IBAN>DE89370400440532013000</IBAN></Id><Ccy>EUR</Ccy></Acct>
            <Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">1000000.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-11-21</Dt></Dt></Bal>

            """);
        var balance = 1000000.00m;
        long i = 0;
        while (stream.Position < target)
        {
            var amount = 1.00m + i % 997 / 100m;
            var credit = i % 3 != 0;
            balance += credit ? amount : -amount;
            writer.Write(string.Create(c, $"""
                <Ntry><NtryRef>{i}</NtryRef><Amt Ccy="EUR">{amount:F2}</Amt><CdtDbtInd>{(credit ? "CRDT" : "DBIT")}</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts><BookgDt><Dt>2026-11-22</Dt></BookgDt><ValDt><Dt>2026-11-22</Dt></ValDt><AcctSvcrRef>REF{i:D12}</AcctSvcrRef><BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd><NtryDtls><TxDtls><Refs><EndToEndId>E2E-{i}</EndToEndId><UETR>00000000-0000-4000-8000-{i:D12}</UETR></Refs><RltdPties><Dbtr><Pty><Nm>Customer {i % 1000}</Nm></Pty></Dbtr><DbtrAcct><Id><IBAN>DE02120300000000202051</IBAN></Id></DbtrAcct></RltdPties><RmtInf><Ustrd>Invoice {i} payment reference text</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>

                """));
            i++;
            if (i % 1000 == 0) writer.Flush();
        }
        writer.Write(string.Create(c, $"""
            <Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">{balance:F2}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-11-22</Dt></Dt></Bal>
            </Stmt></BkToCstmrStmt></Document>

            """));
        Console.WriteLine(string.Create(c, $"{i} entries"));
        return 0;
    }
}
