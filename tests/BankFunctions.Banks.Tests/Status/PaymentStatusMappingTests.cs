using BankFunctions.Banks.Status;
using Xunit;
using S = BankFunctions.Banks.Status.UnifiedPaymentStatus;

namespace BankFunctions.Banks.Tests.Status;

public sealed class PaymentStatusMappingTests
{
    [Theory]
    [InlineData("RCVD", S.Received, false)]
    [InlineData("ACTC", S.Accepted, false)]
    [InlineData("ACCP", S.Accepted, false)]
    [InlineData("ACSP", S.Accepted, false)]
    [InlineData("ACWC", S.Accepted, false)]
    [InlineData("PART", S.Accepted, false)]
    [InlineData("ACSC", S.Completed, true)]
    [InlineData("PDNG", S.Pending, false)]
    [InlineData("RJCT", S.Rejected, true)]
    [InlineData("XXXX", S.Pending, false)]
    public void Iso_codes(string code, S expected, bool final)
    {
        var mapped = PaymentStatusMapping.FromIso(code, "AM04", "Insufficient funds");
        Assert.Equal(new BankPaymentStatus(expected, code, "AM04", "Insufficient funds"), mapped);
        Assert.Equal(final, mapped.IsFinal);
    }

    [Theory]
    [InlineData("FIN", "S", S.Completed, "FIN/S")]
    [InlineData("FIN", "F", S.Rejected, "FIN/F")]
    [InlineData("FIN", "B", S.Returned, "FIN/B")]
    [InlineData("FIN", "R", S.Rejected, "FIN/R")]
    [InlineData("FIN", "D", S.Cancelled, "FIN/D")]
    [InlineData("FIN", "C", S.Cancelled, "FIN/C")]
    [InlineData("FIN", "", S.Pending, "FIN")]
    [InlineData("OPR", "", S.Received, "OPR")]
    [InlineData("AUT", "", S.Pending, "AUT")]
    [InlineData("NTE", "", S.Accepted, "NTE")]
    [InlineData("BNK", "", S.Accepted, "BNK")]
    [InlineData("???", "S", S.Pending, "???/S")]
    public void Cmb_codes(string reqSts, string rtnFlg, S expected, string bankCode)
    {
        var mapped = PaymentStatusMapping.FromCmb(reqSts, rtnFlg, "CSAC001", "账户余额不足");
        Assert.Equal(expected, mapped.Status);
        Assert.Equal(bankCode, mapped.BankCode);
        Assert.Equal(("CSAC001", "账户余额不足"), (mapped.Reason, mapped.ReasonText));
    }
}
