using BankFunctions.Domain.Payments;
using BankFunctions.Features.Auth;
using BankFunctions.Features.Payments;
using BankFunctions.Features.Screening;

namespace BankFunctions.Features.Tests.Screening;

/// <summary>
/// Clearing and rejecting a screening hit as pure decisions: only a payment in screening_hold is touched; clear goes back
/// to approved and queues it for signing, reject ends it; the reason goes into the move; a cleared payment is not
/// screened again.
/// </summary>
public sealed class ScreeningDecisionTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 9, 0, 0, TimeSpan.Zero);
    private static readonly PaymentCommand Admin = new(new Caller(false, "t_acme", "key_a", Role.Admin), "Registry checked");

    private static PaymentState Payment(PaymentStatus status) => new("pay_1", status, null, "key_sub", []);

    public static TheoryData<PaymentStatus> EveryOtherStatus() => new(Enum.GetValues<PaymentStatus>().Where(s => s != PaymentStatus.ScreeningHold));

    [Theory]
    [MemberData(nameof(EveryOtherStatus))]
    public void Both_refuse_a_payment_not_in_screening_hold_with_409_invalid_state(PaymentStatus status)
    {
        foreach (var decision in new[] { ScreeningDecisions.Clear(Payment(status), Admin, Now), ScreeningDecisions.Reject(Payment(status), Admin, Now) })
        {
            var refused = Assert.IsType<PaymentDecision.Refused>(decision);
            Assert.Equal(RefusalKind.InvalidState, refused.Refusal.Kind);
            Assert.Contains(status.ToWire(), refused.Refusal.Detail, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Clear_moves_back_to_approved_through_the_state_machine_and_queues_signing()
    {
        var accepted = Assert.IsType<PaymentDecision.Accepted>(ScreeningDecisions.Clear(Payment(PaymentStatus.ScreeningHold), Admin, Now));
        Assert.Equal((ScreeningDecisions.Cleared, Now, true), (accepted.AuditAction, accepted.At, accepted.QueueForSigning));
        Assert.Equal((PaymentStatus.Approved, PaymentTrigger.ClearScreening), (accepted.Move!.To, accepted.Move.By));
        Assert.True(PaymentStateMachine.CanMove(PaymentStatus.ScreeningHold, accepted.Move.To, accepted.Move.By));
        Assert.Equal("Screening cleared: Registry checked", accepted.Move.Reason);
    }

    [Fact]
    public void Reject_ends_it_without_queueing_anything()
    {
        var accepted = Assert.IsType<PaymentDecision.Accepted>(ScreeningDecisions.Reject(Payment(PaymentStatus.ScreeningHold), Admin, Now));
        Assert.Equal((ScreeningDecisions.Rejected, false), (accepted.AuditAction, accepted.QueueForSigning));
        Assert.Equal((PaymentStatus.Rejected, PaymentTrigger.RejectScreening), (accepted.Move!.To, accepted.Move.By));
        Assert.Equal("Screening confirmed: Registry checked", accepted.Move.Reason);
    }

    [Fact]
    public void A_payment_that_was_held_once_and_is_approved_again_was_cleared()
    {
        Assert.True(ScreeningDecisions.WasCleared(["approved", "screening_hold", "approved"]));
        Assert.False(ScreeningDecisions.WasCleared(["pending_approval", "approved"]));
    }
}
