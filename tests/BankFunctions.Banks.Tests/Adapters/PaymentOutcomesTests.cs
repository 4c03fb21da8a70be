using BankFunctions.Domain;
using BankFunctions.Banks.Adapters.Cmb;
using BankFunctions.Banks.Adapters.Iso;
using BankFunctions.Domain.Payments;
using Xunit;

namespace BankFunctions.Banks.Tests.Adapters;

/// <summary>The bank's answers classified once, as the dispatch stages act on them.</summary>
public sealed class PaymentOutcomesTests
{
    private static readonly PaymentFile File = new(new BankConnection("C"), "file_1", "MSG-1", PaymentFileKind.Batch, DateTimeOffset.UnixEpoch,
        new DateOnly(2026, 1, 1), new BankParty("Debtor"),
        [new PaymentInstruction("E2E-1", Money.Of(1m, "EUR"), new BankParty("A")), new PaymentInstruction("E2E-2", Money.Of(2m, "EUR"), new BankParty("B"))]);

    [Theory]
    [InlineData(BankCallOutcome.Retryable)]
    [InlineData(BankCallOutcome.UnknownOutcome)]
    public void A_query_the_bank_could_not_answer_is_waited_for_as_long_as_it_asked(BankCallOutcome outcome)
    {
        var result = BankResult.Failure<PaymentStatusReport>(outcome, "HTTP503", "maintenance", 503, TimeSpan.FromMinutes(2));

        var unavailable = Assert.IsType<StatusOutcome.Unavailable>(PaymentOutcomes.Status(result, File));
        Assert.Equal(TimeSpan.FromMinutes(2), unavailable.RetryAfter);
        Assert.Equal("HTTP503: maintenance", unavailable.Reason);
    }

    [Theory]
    [InlineData(BankCallOutcome.Terminal)]
    [InlineData(BankCallOutcome.NotSupported)]
    public void A_query_the_bank_refused_for_good_is_not_waited_for(BankCallOutcome outcome)
    {
        var result = BankResult.Failure<PaymentStatusReport>(outcome, "HTTP401", "signature rejected", 401);

        var refused = Assert.IsType<StatusOutcome.Refused>(PaymentOutcomes.Status(result, File));
        Assert.Equal("HTTP401: signature rejected", refused.Reason);
    }

    [Fact]
    public void A_file_the_bank_never_heard_of_is_not_found()
    {
        Assert.IsType<StatusOutcome.NotFound>(PaymentOutcomes.Status(BankResult.Success(new PaymentStatusReport(false, null, [])), File));
    }

    [Fact]
    public void A_group_status_without_transactions_speaks_for_every_payment_and_unknown_codes_for_none()
    {
        var group = PaymentOutcomes.Status(BankResult.Success(new PaymentStatusReport(true, new IsoPaymentStatus("RJCT", "FF01"), [])), File);
        var unknown = PaymentOutcomes.Status(BankResult.Success(new PaymentStatusReport(true, null,
            [new PaymentItemStatus("E2E-1", new IsoPaymentStatus("ZZZZ")), new PaymentItemStatus("E2E-2", new IsoPaymentStatus("ACSC"))])), File);

        Assert.Equal(
            [
                new PaymentBankStatus("E2E-1", PaymentStatus.Rejected, "RJCT", "FF01", "Invalid file format"),
                new PaymentBankStatus("E2E-2", PaymentStatus.Rejected, "RJCT", "FF01", "Invalid file format"),
            ],
            Assert.IsType<StatusOutcome.Found>(group).Payments);
        Assert.Equal([new PaymentBankStatus("E2E-2", PaymentStatus.Completed, "ACSC", null, null)], Assert.IsType<StatusOutcome.Found>(unknown).Payments);
    }

    [Fact]
    public void Send_answers_are_classified_once()
    {
        var ack = new PaymentFileAck("R1", [new PaymentItemAck("E2E-1", "R1", new CmbPaymentStatus("NTE")), new PaymentItemAck("E2E-2", null, null)]);

        Assert.Equal([new PaymentBankStatus("E2E-1", PaymentStatus.Accepted, null, "NTE", null)],
            Assert.IsType<SendOutcome.Accepted>(PaymentOutcomes.Send(BankResult.Success(ack))).Statuses);
        Assert.Equal(new SendOutcome.Duplicate("R0"),
            PaymentOutcomes.Send(new BankResult<PaymentFileAck>(BankCallOutcome.Duplicate, new PaymentFileAck("R0", []))));
        Assert.Equal(new SendOutcome.Retryable("HTTP503: down", TimeSpan.FromSeconds(30), "HTTP503"),
            PaymentOutcomes.Send(BankResult.Failure<PaymentFileAck>(BankCallOutcome.Retryable, "HTTP503", "down", 503, TimeSpan.FromSeconds(30))));
        Assert.Equal(new SendOutcome.UnknownOutcome("Transport: reset", "Transport"),
            PaymentOutcomes.Send(BankResult.Failure<PaymentFileAck>(BankCallOutcome.UnknownOutcome, "Transport", "reset")));
        Assert.Equal(new SendOutcome.Terminal("NotSupported", "Payroll payment files is not supported by this bank."),
            PaymentOutcomes.Send(BankResult.NotSupported<PaymentFileAck>("Payroll payment files")));
        Assert.Equal(new SendOutcome.Terminal("BANK", "The bank refused the file."),
            PaymentOutcomes.Send(BankResult.Failure<PaymentFileAck>(BankCallOutcome.Terminal, null, null)));
    }
}
