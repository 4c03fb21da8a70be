using BankFunctions.Bench.Common;
using System.Globalization;
using System.Text;

namespace BankFunctions.Bench.Statements;

/// <summary>
/// A busy day's camt.053.001.08 for one account: <c>entries</c> bookings, each with its own AcctSvcrRef, an EndToEndId
/// (so reconciliation looks every one up), a counterparty and remittance text; OPBD + entries = CLBD.
/// </summary>
public static class DayStatement
{
    public static byte[] Camt053(string iban, DateOnly day, int entries)
    {
        var random = new Random(20261129);
        var text = new StringBuilder(entries * 900);
        var amounts = Enumerable.Range(0, entries).Select(i => (i % 3 == 0 ? -1m : 1m) * (random.Next(100, 10_000_000) / 100m)).ToList();
        const decimal opening = 1_000_000m;
        text.Append("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.08\"><BkToCstmrStmt>");
        text.Append(CultureInfo.InvariantCulture, $"<GrpHdr><MsgId>BENCH{day:yyyyMMdd}</MsgId><CreDtTm>{day:yyyy-MM-dd}T23:00:00Z</CreDtTm></GrpHdr>");
        text.Append(CultureInfo.InvariantCulture, $"<Stmt><Id>{iban}-{day:yyyyMMdd}</Id><ElctrncSeqNb>{day.DayNumber}</ElctrncSeqNb><CreDtTm>{day:yyyy-MM-dd}T23:00:00Z</CreDtTm>");
        text.Append(CultureInfo.InvariantCulture, $"<Acct><Id><IBAN>{iban}</IBAN></Id><Ccy>EUR</Ccy></Acct>");
        text.Append(CamtDay.Balance("OPBD", opening, day)).Append(CamtDay.Balance("CLBD", opening + amounts.Sum(), day));
        for (var i = 0; i < entries; i++)
        {
            var a = amounts[i];
            var debit = a < 0;
            var party = debit ? "Cdtr" : "Dbtr";
            text.Append(CultureInfo.InvariantCulture,
                $"<Ntry><NtryRef>BK{day:yyyyMMdd}{i:D8}</NtryRef><Amt Ccy=\"EUR\">{Math.Abs(a):0.00}</Amt><CdtDbtInd>{(debit ? "DBIT" : "CRDT")}</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>" +
                $"<BookgDt><Dt>{day:yyyy-MM-dd}</Dt></BookgDt><ValDt><Dt>{day:yyyy-MM-dd}</Dt></ValDt><AcctSvcrRef>BK{day:yyyyMMdd}{i:D8}</AcctSvcrRef>" +
                $"<BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>{(debit ? "ICDT" : "RCDT")}</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>" +
                $"<NtryDtls><TxDtls><Refs><AcctSvcrRef>BK{day:yyyyMMdd}{i:D8}</AcctSvcrRef><EndToEndId>E2E{random.Next():X8}{i:D6}</EndToEndId></Refs>" +
                $"<Amt Ccy=\"EUR\">{Math.Abs(a):0.00}</Amt><CdtDbtInd>{(debit ? "DBIT" : "CRDT")}</CdtDbtInd>" +
                $"<RltdPties><{party}><Pty><Nm>Counterparty {i % 977}</Nm></Pty></{party}><{party}Acct><Id><IBAN>DE89370400440532013000</IBAN></Id></{party}Acct></RltdPties>" +
                $"<RmtInf><Ustrd>Invoice {i:D6} settlement for services rendered</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>");
        }
        text.Append("</Stmt></BkToCstmrStmt></Document>");
        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
