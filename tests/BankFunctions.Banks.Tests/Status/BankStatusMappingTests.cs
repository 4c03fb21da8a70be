using BankFunctions.Banks.Adapters.Cmb;
using BankFunctions.Banks.Adapters.Iso;
using BankFunctions.Domain.Payments;
using Xunit;
using S = BankFunctions.Domain.Payments.PaymentStatus;

namespace BankFunctions.Banks.Tests.Status;

/// <summary>
/// The one mapping of each bank family's codes to the domain status: every ISO 20022 status code and every CMB
/// reqSts/rtnFlg combination, with what the payment keeps of the bank's words.
/// </summary>
public sealed class BankStatusMappingTests
{
    [Theory]
    [InlineData("RCVD", S.Sent)]
    [InlineData("ACTC", S.Accepted)]
    [InlineData("ACCP", S.Accepted)]
    [InlineData("ACSP", S.Accepted)]
    [InlineData("ACWC", S.Accepted)]
    [InlineData("ACFC", S.Accepted)]
    [InlineData("ACWP", S.Accepted)]
    [InlineData("PART", S.Accepted)]
    [InlineData("PDNG", S.Accepted)]
    [InlineData("ACSC", S.Completed)]
    [InlineData("ACCC", S.Completed)]
    [InlineData("RJCT", S.Rejected)]
    [InlineData("CANC", S.Cancelled)]
    public void Iso_codes_map_to_the_domain_status_keeping_code_reason_and_text(string code, S expected)
    {
        var status = new IsoPaymentStatus(code, "AM04", "Insufficient funds");

        Assert.Equal(expected, status.Status);
        Assert.Equal(new PaymentBankStatus("E2E-1", expected, code, "AM04", "Insufficient funds"), status.For("E2E-1"));
    }

    [Theory]
    [InlineData("XXXX")]
    [InlineData("")]
    [InlineData("acsc")]
    public void An_unknown_iso_code_concludes_nothing(string code)
    {
        var status = new IsoPaymentStatus(code);

        Assert.Null(status.Status);
        Assert.Null(status.For("E2E-1"));
        Assert.Equal(code, status.IsoStatus);
    }

    [Theory]
    [InlineData("AM04", "Insufficient funds")]
    [InlineData("AC04", "Closed account")]
    [InlineData("FF01", "Invalid file format")]
    [InlineData("ZZ99", "ZZ99")]
    public void An_iso_reason_without_text_is_described_by_its_code(string reason, string text)
    {
        var status = new IsoPaymentStatus("RJCT", reason);

        Assert.Equal(new PaymentBankStatus("E2E-1", S.Rejected, "RJCT", reason, text), status.For("E2E-1"));
    }

    [Fact]
    public void An_iso_status_without_a_reason_keeps_none()
    {
        Assert.Equal(new PaymentBankStatus("E2E-1", S.Completed, "ACSC", null, null), new IsoPaymentStatus("ACSC").For("E2E-1"));
    }

    public static TheoryData<string, string?, S, string?> CmbStates => new()
    {
        // Final states: rtnFlg says how it ended.
        { "FIN", "S", S.Completed, null },
        { "FIN", "F", S.Rejected, "Failed at the bank" },
        { "FIN", "R", S.Rejected, "Vetoed by the bank-side approver" },
        { "FIN", "B", S.Returned, "Bounced after success (退票)" },
        { "FIN", "D", S.Rejected, "Expired without bank-side approval" },
        { "FIN", "C", S.Cancelled, "Cancelled at the bank" },
        { "FIN", null, S.Accepted, null },
        { "FIN", "X", S.Accepted, null },
        // Before FIN the bank has it and works on it, whatever the flag says so far.
        { "OPR", null, S.Accepted, null },
        { "AUT", null, S.Accepted, null },
        { "NTE", null, S.Accepted, null },
        { "BNK", null, S.Accepted, null },
        { "WCF", null, S.Accepted, null },
        { "WRF", null, S.Accepted, null },
        { "OPR", "S", S.Accepted, null },
        { "BNK", "F", S.Accepted, null },
        { "???", "S", S.Accepted, null },
        { "", null, S.Accepted, null },
    };

    [Theory]
    [MemberData(nameof(CmbStates))]
    public void Cmb_states_map_to_the_domain_status_keeping_each_field(string reqSts, string? rtnFlg, S expected, string? reason)
    {
        var status = CmbPaymentStatus.Of(reqSts, rtnFlg, null, null);

        Assert.Equal((reqSts, rtnFlg), (status.ReqSts, status.RtnFlg));
        Assert.Equal(expected, status.Status);
        // Without errCod the bank's code kept is the flag, else the state.
        Assert.Equal(new PaymentBankStatus("PAY-1", expected, null, rtnFlg ?? reqSts, reason), status.For("PAY-1"));
    }

    [Theory]
    [InlineData("F", S.Rejected, "账户余额不足")]
    [InlineData("B", S.Returned, "账户余额不足")]
    [InlineData("R", S.Rejected, "Vetoed by the bank-side approver")]
    [InlineData("D", S.Rejected, "Expired without bank-side approval")]
    [InlineData("C", S.Cancelled, "Cancelled at the bank")]
    [InlineData("S", S.Completed, null)]
    public void Cmb_error_code_is_the_code_kept_and_its_text_the_reason_of_a_failure_or_bounce(string rtnFlg, S expected, string? reason)
    {
        var status = CmbPaymentStatus.Of("FIN", rtnFlg, "CSAC001", "账户余额不足");

        Assert.Equal(("FIN", rtnFlg, "CSAC001", "账户余额不足"), (status.ReqSts, status.RtnFlg, status.ErrCod, status.ErrTxt));
        Assert.Equal(new PaymentBankStatus("PAY-1", expected, null, "CSAC001", reason), status.For("PAY-1"));
    }

    [Fact]
    public void Empty_cmb_fields_are_not_given()
    {
        Assert.Equal(new CmbPaymentStatus("NTE"), CmbPaymentStatus.Of("NTE", "", "", ""));
        Assert.Equal(new CmbPaymentStatus(""), CmbPaymentStatus.Of(null, null, null, null));
    }
}
