using BankFunctions.Bench.Common;
using System.Globalization;
using System.Text;
using BankFunctions.Domain.Receivables;

namespace BankFunctions.Bench.Receivables;

/// <summary>
/// A busy day of incoming money and the expected payments it settles: entry i pays expected payment i, a quarter by
/// each matching rule — an RF creditor reference in its printed groups, an invoice number among the remittance words,
/// the payer's account with an amount ten payers of that quarter share (so amount + date alone would be ambiguous),
/// and a unique amount with no reference at all. Synthetic data made here.
/// </summary>
public sealed class ReceivablesDay(int count)
{
    public int Count { get; } = count;

    public string Rf(int i) => CreditorReference.Create("C" + i.ToString("D8", CultureInfo.InvariantCulture));

    public static string Invoice(int i) => "INV-" + i.ToString("D6", CultureInfo.InvariantCulture);

    public static string PayerAccount(int i) => "NL" + (10 + (i % 89)).ToString(CultureInfo.InvariantCulture) + "BENC" + i.ToString("D10", CultureInfo.InvariantCulture);

    /// <summary>
    /// Quarter 3's payers share an amount ten at a time (so amount + date alone is ambiguous, yet no booking day holds
    /// thousands of equal bookings — a pathological case for the entry store of its own); the others are unique
    /// (quarter 4's in a range of their own).
    /// </summary>
    public static decimal Amount(int i) => (i % 4) switch
    {
        2 => 500.00m + (i / 40 / 100m),
        3 => 70_000.00m + (i / 100m),
        _ => 100.00m + (i / 100m),
    };

    public string Remittance(int i) => (i % 4) switch
    {
        0 => "Payment " + Printed(Rf(i)),
        1 => "Invoice " + Invoice(i).Replace('-', ' ') + " thank you",
        2 => "Monthly fee",
        _ => "Transfer",
    };

    private static string Printed(string rf) => string.Join(' ', rf.Chunk(4).Select(c => new string(c)));

    public byte[] Camt053(string iban, DateOnly day)
    {
        var text = new StringBuilder(Count * 900);
        const decimal opening = 1_000_000m;
        var total = Enumerable.Range(0, Count).Sum(Amount);
        text.Append("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.08\"><BkToCstmrStmt>");
        text.Append(CultureInfo.InvariantCulture, $"<GrpHdr><MsgId>RCV{day:yyyyMMdd}</MsgId><CreDtTm>{day:yyyy-MM-dd}T23:00:00Z</CreDtTm></GrpHdr>");
        text.Append(CultureInfo.InvariantCulture, $"<Stmt><Id>{iban}-{day:yyyyMMdd}</Id><ElctrncSeqNb>{day.DayNumber}</ElctrncSeqNb><CreDtTm>{day:yyyy-MM-dd}T23:00:00Z</CreDtTm>");
        text.Append(CultureInfo.InvariantCulture, $"<Acct><Id><IBAN>{iban}</IBAN></Id><Ccy>EUR</Ccy></Acct>");
        text.Append(CamtDay.Balance("OPBD", opening, day)).Append(CamtDay.Balance("CLBD", opening + total, day));
        for (var i = 0; i < Count; i++)
        {
            var a = Amount(i);
            text.Append(CultureInfo.InvariantCulture,
                $"<Ntry><NtryRef>RC{day:yyyyMMdd}{i:D8}</NtryRef><Amt Ccy=\"EUR\">{a:0.00}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>" +
                $"<BookgDt><Dt>{day:yyyy-MM-dd}</Dt></BookgDt><ValDt><Dt>{day:yyyy-MM-dd}</Dt></ValDt><AcctSvcrRef>RC{day:yyyyMMdd}{i:D8}</AcctSvcrRef>" +
                $"<BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>" +
                $"<NtryDtls><TxDtls><Refs><AcctSvcrRef>RC{day:yyyyMMdd}{i:D8}</AcctSvcrRef></Refs>" +
                $"<Amt Ccy=\"EUR\">{a:0.00}</Amt><CdtDbtInd>CRDT</CdtDbtInd>" +
                $"<RltdPties><Dbtr><Pty><Nm>Customer {i}</Nm></Pty></Dbtr><DbtrAcct><Id><IBAN>{PayerAccount(i)}</IBAN></Id></DbtrAcct></RltdPties>" +
                $"<RmtInf><Ustrd>{Remittance(i)}</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>");
        }
        text.Append("</Stmt></BkToCstmrStmt></Document>");
        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
