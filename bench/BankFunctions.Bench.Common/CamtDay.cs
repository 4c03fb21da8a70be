using System.Globalization;
using System.Text;

namespace BankFunctions.Bench.Common;

/// <summary>Pieces of the camt documents the pull benchmarks serve as their bank's answers.</summary>
public static class CamtDay
{
    /// <summary>A camt.054 notification or camt.052 intraday report with nothing new: what a quiet feed returns.</summary>
    public static byte[] QuietFeed(string iban, bool report, DateOnly day)
    {
        var (ns, root, block) = report
            ? ("urn:iso:std:iso:20022:tech:xsd:camt.052.001.08", "BkToCstmrAcctRpt", "Rpt")
            : ("urn:iso:std:iso:20022:tech:xsd:camt.054.001.08", "BkToCstmrDbtCdtNtfctn", "Ntfctn");
        return Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Document xmlns=\"{ns}\"><{root}><GrpHdr><MsgId>Q{day:yyyyMMdd}</MsgId><CreDtTm>{day:yyyy-MM-dd}T12:00:00Z</CreDtTm></GrpHdr>" +
            $"<{block}><Id>Q{day:yyyyMMdd}</Id><CreDtTm>{day:yyyy-MM-dd}T12:00:00Z</CreDtTm><Acct><Id><IBAN>{iban}</IBAN></Id><Ccy>EUR</Ccy></Acct></{block}></{root}></Document>"));
    }

    /// <summary>A EUR balance of the given type (OPBD, CLBD…), signed by its CdtDbtInd.</summary>
    public static string Balance(string type, decimal value, DateOnly day) => string.Create(CultureInfo.InvariantCulture,
        $"<Bal><Tp><CdOrPrtry><Cd>{type}</Cd></CdOrPrtry></Tp><Amt Ccy=\"EUR\">{Math.Abs(value):0.00}</Amt><CdtDbtInd>{(value < 0 ? "DBIT" : "CRDT")}</CdtDbtInd><Dt><Dt>{day:yyyy-MM-dd}</Dt></Dt></Bal>");
}
