using BankFunctions.Banks;
using BankFunctions.Features.Dispatch;
using BankFunctions.Features.Dispatch.Protocols;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Host.Tests.Dispatch;

/// <summary>A failed status query: worth waiting for (the stages back off) or refused for good (the stages fail it).</summary>
public sealed class AdapterFilesTests
{
    private static readonly BankFileRequest Request = new(new BankFileRow(), new BankConnectionRow(), new AccountRow(), []);

    [Theory]
    [InlineData(BankCallOutcome.Retryable)]
    [InlineData(BankCallOutcome.UnknownOutcome)]
    public void A_query_the_bank_could_not_answer_is_waited_for_as_long_as_it_asked(BankCallOutcome outcome)
    {
        var result = BankResult.Failure<PaymentStatusReport>(outcome, "HTTP503", "maintenance", 503, TimeSpan.FromMinutes(2));

        var unavailable = Assert.IsType<StatusOutcome.Unavailable>(AdapterFiles.Status(result, Request, (_, _) => null));
        Assert.Equal(TimeSpan.FromMinutes(2), unavailable.RetryAfter);
        Assert.Equal("HTTP503: maintenance", unavailable.Reason);
    }

    [Theory]
    [InlineData(BankCallOutcome.Terminal)]
    [InlineData(BankCallOutcome.NotSupported)]
    public void A_query_the_bank_refused_for_good_is_not_waited_for(BankCallOutcome outcome)
    {
        var result = BankResult.Failure<PaymentStatusReport>(outcome, "HTTP401", "signature rejected", 401);

        var refused = Assert.IsType<StatusOutcome.Refused>(AdapterFiles.Status(result, Request, (_, _) => null));
        Assert.Equal("HTTP401: signature rejected", refused.Reason);
    }
}
