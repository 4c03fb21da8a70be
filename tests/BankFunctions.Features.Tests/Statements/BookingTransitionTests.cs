using BankFunctions.Domain.Payments;
using BankFunctions.Features.Payments;
using BankFunctions.Features.Statements;
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
        Assert.Throws<IllegalTransitionException<PaymentStatus>>(() => PaymentTransitions.Apply(p, PaymentStatus.Completed, PaymentTrigger.Booking, Now));
    }

    private static readonly PaymentEffect Booking = new("pay_1", false, null, null, "BANKREF-7");

    [Fact]
    public void A_booking_completes_a_sent_payment_and_keeps_the_booking_reference()
    {
        var p = Payment("sent");
        Assert.Equal("payment.completed", PaymentMatching.Book(p, Booking, Now));
        Assert.Equal(("completed", "BANKREF-7", Now), (p.Status, p.BookingReference, p.UpdatedAt));
    }

    [Fact]
    public void A_booking_of_a_payment_the_bank_already_reported_completed_only_adds_the_reference()
    {
        var p = Payment("completed");
        Assert.Equal("payment.booked", PaymentMatching.Book(p, Booking, Now));
        Assert.Equal(("completed", "BANKREF-7"), (p.Status, p.BookingReference));
        Assert.Equal("[]", p.StatusHistory);
    }

    [Fact]
    public void A_repeated_booking_changes_nothing()
    {
        var p = Payment("completed");
        p.BookingReference = "BANKREF-1";
        Assert.Null(PaymentMatching.Book(p, Booking, Now));
        Assert.Equal(("completed", "BANKREF-1", default(DateTimeOffset)), (p.Status, p.BookingReference, p.UpdatedAt));
    }

    [Fact]
    public void A_return_keeps_the_first_booking_reference_and_gives_a_reason()
    {
        var p = Payment("completed");
        p.BookingReference = "BANKREF-1";
        Assert.Equal("payment.returned", PaymentMatching.Book(p, new PaymentEffect("pay_1", true, null, null, "RET-9"), Now));
        Assert.Equal(("returned", "BANKREF-1", "Returned by the bank"), (p.Status, p.BookingReference, p.StatusReason));
    }

    [Theory]
    [InlineData("approved")]
    [InlineData("cancelled")]
    [InlineData("returned")]
    public void A_booking_never_moves_a_payment_the_bank_does_not_have_or_has_returned(string status)
    {
        var p = Payment(status);
        p.BookingReference = "BANKREF-1";
        Assert.Null(PaymentMatching.Book(p, Booking, Now));
        Assert.Equal(status, p.Status);
    }
}
