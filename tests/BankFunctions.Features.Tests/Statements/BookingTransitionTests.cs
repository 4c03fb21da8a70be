using BankFunctions.Domain.Payments;
using BankFunctions.Features.Payments;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Tests.Statements;

/// <summary>
/// What a statement booking may do to a payment (the reconciler's moves, through <see cref="PaymentTransitions"/>):
/// book a payment the bank has (signing, sent, accepted → completed), return one it paid or holds (sent, accepted,
/// completed → returned), and nothing else — a repeated entry changes nothing.
/// </summary>
public sealed class BookingTransitionTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 9, 30, 0, TimeSpan.Zero);

    private static PaymentRow Payment(string status) => new() { PaymentId = "pay_1", Status = status, StatusHistory = "[]" };

    [Theory]
    [InlineData("pending_approval", false, false)]
    [InlineData("approved", false, false)]
    [InlineData("signing", true, false)]
    [InlineData("sent", true, true)]
    [InlineData("accepted", true, true)]
    [InlineData("completed", false, true)]
    [InlineData("rejected", false, false)]
    [InlineData("cancelled", false, false)]
    [InlineData("returned", false, false)]
    [InlineData("failed", false, false)]
    [InlineData("needs_attention", false, false)]
    public void A_booking_completes_or_returns_only_what_the_bank_has(string from, bool completes, bool returns)
    {
        Assert.Equal(completes, PaymentTransitions.TryApply(Payment(from), PaymentStatus.Completed, PaymentTrigger.Booking, Now));
        Assert.Equal(returns, PaymentTransitions.TryApply(Payment(from), PaymentStatus.Returned, PaymentTrigger.Booking, Now, "Returned by the bank (AC04)", "AC04"));
    }

    [Fact]
    public void A_return_records_the_banks_reason_and_code_in_the_row_and_its_history()
    {
        var p = Payment("completed");
        Assert.True(PaymentTransitions.TryApply(p, PaymentStatus.Returned, PaymentTrigger.Booking, Now, "Returned by the bank (AC04)", "AC04"));
        Assert.Equal("returned", p.Status);
        Assert.Equal("Returned by the bank (AC04)", p.StatusReason);
        Assert.Equal("AC04", p.BankStatusCode);
        Assert.Equal(Now, p.UpdatedAt);
        var change = Assert.Single(StatusHistory.Read(p.StatusHistory));
        Assert.Equal(new StatusChange("returned", Now, "Returned by the bank (AC04)", "AC04"), change);
    }

    [Fact]
    public void A_refused_or_repeated_booking_leaves_the_row_untouched()
    {
        var p = Payment("approved");
        Assert.False(PaymentTransitions.TryApply(p, PaymentStatus.Completed, PaymentTrigger.Booking, Now));
        Assert.Equal("approved", p.Status);
        Assert.Equal("[]", p.StatusHistory);
        Assert.Throws<IllegalPaymentTransitionException>(() => PaymentTransitions.Apply(p, PaymentStatus.Completed, PaymentTrigger.Booking, Now));
    }
}
