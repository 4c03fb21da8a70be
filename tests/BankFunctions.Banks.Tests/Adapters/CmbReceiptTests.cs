using Xunit;
using BankFunctions.Banks.Adapters.Cmb;

namespace BankFunctions.Banks.Tests.Adapters;

/// <summary>DCSIGREC's fildat is kept only when it is base64 of a PDF; the bank's signature travels with it.</summary>
public sealed class CmbReceiptTests
{
    [Fact]
    public void A_base64_pdf_is_kept_with_the_banks_signature()
    {
        var pdf = "%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n"u8.ToArray();
        var result = CmbReceipt.Read(Convert.ToBase64String(pdf), "c2lnZGF0");

        Assert.Equal(BankCallOutcome.Success, result.Outcome);
        Assert.Equal(pdf, result.Value!.Content);
        Assert.Equal(("application/pdf", "c2lnZGF0"), (result.Value.ContentType, result.Value.BankSignature));
    }

    [Theory]
    [InlineData("not base64 at all!")]
    [InlineData("PGh0bWw+")] // "<html>": base64, but not a PDF
    public void Anything_else_is_refused(string fildat)
    {
        var result = CmbReceipt.Read(fildat, null);
        Assert.Equal((BankCallOutcome.Terminal, "BadReceipt"), (result.Outcome, result.ErrorCode));
    }
}
