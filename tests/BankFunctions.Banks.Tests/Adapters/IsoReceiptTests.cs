using Xunit;
using System.Text;
using BankFunctions.Banks.Adapters.Iso;

namespace BankFunctions.Banks.Tests.Adapters;

/// <summary>The ISO bank's entry-level receipt is kept only when it is a camt.054 holding exactly the entry asked for.</summary>
public sealed class IsoReceiptTests
{
    public static byte[] Camt054(params string[] references)
    {
        var entries = string.Concat(references.Select(r =>
            $"<Ntry><Amt Ccy=\"EUR\">321.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts><BookgDt><Dt>2026-11-20</Dt></BookgDt>"
            + $"<ValDt><Dt>2026-11-20</Dt></ValDt><AcctSvcrRef>{r}</AcctSvcrRef><BkTxCd><Prtry><Cd>PMNT</Cd></Prtry></BkTxCd></Ntry>"));
        return Encoding.UTF8.GetBytes(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.054.001.08\"><BkToCstmrDbtCdtNtfctn>"
            + "<GrpHdr><MsgId>NTFCTN1</MsgId><CreDtTm>2026-11-20T10:00:00Z</CreDtTm></GrpHdr><Ntfctn><Id>NTFCTN1</Id><CreDtTm>2026-11-20T10:00:00Z</CreDtTm>"
            + "<Acct><Id><IBAN>DE89370400440532013000</IBAN></Id><Ccy>EUR</Ccy></Acct>" + entries + "</Ntfctn></BkToCstmrDbtCdtNtfctn></Document>");
    }

    [Fact]
    public void The_entrys_camt054_is_kept_byte_for_byte_without_a_signature()
    {
        var body = Camt054("BK-1");
        var result = IsoReceipt.Read(body, "BK-1");

        Assert.Equal(BankCallOutcome.Success, result.Outcome);
        Assert.Same(body, result.Value!.Content);
        Assert.Equal(("application/xml", (string?)null), (result.Value.ContentType, result.Value.BankSignature));
    }

    [Theory]
    [InlineData("BK-2")]
    public void Another_entrys_receipt_is_refused(string asked)
    {
        var result = IsoReceipt.Read(Camt054("BK-1"), asked);
        Assert.Equal((BankCallOutcome.Terminal, "BadReceipt"), (result.Outcome, result.ErrorCode));
        Assert.Contains(asked, result.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void A_notification_of_several_entries_is_not_one_entrys_receipt()
    {
        Assert.Equal("BadReceipt", IsoReceipt.Read(Camt054("BK-1", "BK-2"), "BK-1").ErrorCode);
    }

    [Fact]
    public void Something_that_is_not_camt054_is_refused()
    {
        Assert.Equal("BadReceipt", IsoReceipt.Read(Encoding.UTF8.GetBytes("<html>maintenance</html>"), "BK-1").ErrorCode);
        Assert.Equal("BadReceipt", IsoReceipt.Read("%PDF-1.4"u8.ToArray(), "BK-1").ErrorCode);
    }
}
