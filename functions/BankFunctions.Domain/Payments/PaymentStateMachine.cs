namespace BankFunctions.Domain.Payments;

/// <summary>
/// The one payment state machine (API.md "Statuses"): every status change — an API action, a pipeline stage, a bank
/// report, a statement booking — asks it first. Bank-driven moves only go forward (a late or repeated report never
/// moves a payment back), and returned stays reachable after completed (退票 after success).
/// <code>
/// pending_approval ─Approve→ approved ─StartSigning→ signing ─Send→ sent ─BankReport→ accepted ─BankReport→ completed
///    │Reject/Cancel            │Cancel/RequireApproval  │Cancel (file prepared, alone)    │ BankReport/Booking: rejected, failed, returned
/// any non-final ─GiveUp→ needs_attention ─Requery (the bank's final answer)→ completed, rejected, failed, returned
///                                          ─Resolve (a person)→ completed, failed
/// approved ─ScreeningHit (sign stage)→ screening_hold ─ClearScreening (admin)→ approved · ─RejectScreening (admin)→ rejected
/// </code>
/// </summary>
public static class PaymentStateMachine
{
    /// <summary>The pipeline's forward order; a bank report may skip ahead but never go back.</summary>
    private static int Rank(PaymentStatus status) => status switch
    {
        PaymentStatus.Signing => 1,
        PaymentStatus.Sent => 2,
        PaymentStatus.Accepted => 3,
        PaymentStatus.Completed => 4,
        _ => 0,
    };

    /// <summary>Where a new payment starts: approved when the tenant's rules ask for no approval (a batch: <see cref="BatchStateMachine.Initial"/>).</summary>
    public static PaymentStatus Initial(int approvalsRequired) => approvalsRequired == 0 ? PaymentStatus.Approved : PaymentStatus.PendingApproval;

    /// <summary>No stage moves it any more (returned may still follow completed via statements).</summary>
    public static bool IsFinal(PaymentStatus status) => status is PaymentStatus.Completed or PaymentStatus.Rejected or PaymentStatus.Returned
        or PaymentStatus.Failed or PaymentStatus.Cancelled or PaymentStatus.NeedsAttention;

    /// <summary>Cancellable by its submitter without asking the bank: nothing has been signed for it yet.</summary>
    public static bool IsCancellableBeforeSigning(PaymentStatus status) => status is PaymentStatus.PendingApproval or PaymentStatus.Approved;

    /// <summary>
    /// True when <paramref name="trigger"/> may move a payment from <paramref name="from"/> to <paramref name="to"/>. A bank
    /// report of the status the payment already has is allowed (it may carry a new bank code: ACTC → ACSP); any other
    /// same-status move is not a move.
    /// </summary>
    public static bool CanMove(PaymentStatus from, PaymentStatus to, PaymentTrigger trigger) => trigger switch
    {
        PaymentTrigger.Approve => from == PaymentStatus.PendingApproval && to == PaymentStatus.Approved,
        PaymentTrigger.Reject => from == PaymentStatus.PendingApproval && to == PaymentStatus.Rejected,
        // Signing: only while its file is prepared and holds it alone — the caller checks the file.
        PaymentTrigger.Cancel => to == PaymentStatus.Cancelled && (IsCancellableBeforeSigning(from) || from == PaymentStatus.Signing),
        PaymentTrigger.StartSigning => from == PaymentStatus.Approved && to == PaymentStatus.Signing,
        PaymentTrigger.RequireApproval => from == PaymentStatus.Approved && to == PaymentStatus.PendingApproval,
        PaymentTrigger.Send => from == PaymentStatus.Signing && to == PaymentStatus.Sent,
        PaymentTrigger.BankReport => from == to || Forward(from, to),
        PaymentTrigger.Booking => from != to && to is PaymentStatus.Completed or PaymentStatus.Returned && Forward(from, to),
        PaymentTrigger.GiveUp => to == PaymentStatus.NeedsAttention && !IsFinal(from),
        // Only a final answer settles it: a bank still processing it leaves it with the person who asked.
        PaymentTrigger.Requery => from == PaymentStatus.NeedsAttention
            && to is PaymentStatus.Completed or PaymentStatus.Rejected or PaymentStatus.Failed or PaymentStatus.Returned,
        // Never back into the pipeline: a payment that must still go out is a new payment (nothing is resent blindly).
        PaymentTrigger.Resolve => from == PaymentStatus.NeedsAttention && to is PaymentStatus.Completed or PaymentStatus.Failed,
        // Screening (issue #17): checked at the sign stage, before anything is built or sent; a person decides a hit.
        PaymentTrigger.ScreeningHit => from == PaymentStatus.Approved && to == PaymentStatus.ScreeningHold,
        PaymentTrigger.ClearScreening => from == PaymentStatus.ScreeningHold && to == PaymentStatus.Approved,
        PaymentTrigger.RejectScreening => from == PaymentStatus.ScreeningHold && to == PaymentStatus.Rejected,
        _ => false,
    };

    /// <summary>The move, or <see cref="IllegalTransitionException{TStatus}"/> naming what was refused.</summary>
    public static PaymentStatus Move(PaymentStatus from, PaymentStatus to, PaymentTrigger trigger) =>
        CanMove(from, to, trigger) ? to : throw new IllegalTransitionException<PaymentStatus>("payment", from, to, trigger, from.ToWire(), to.ToWire());

    /// <summary>Bank-driven forward moves: up the pipeline, a refusal while the bank has it, a return after it paid.</summary>
    private static bool Forward(PaymentStatus from, PaymentStatus to) => to switch
    {
        PaymentStatus.Returned => from is PaymentStatus.Sent or PaymentStatus.Accepted or PaymentStatus.Completed,
        PaymentStatus.Rejected or PaymentStatus.Failed => from is PaymentStatus.Signing or PaymentStatus.Sent or PaymentStatus.Accepted,
        _ => Rank(from) > 0 && Rank(to) > Rank(from),
    };
}
