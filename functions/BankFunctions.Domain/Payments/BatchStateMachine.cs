namespace BankFunctions.Domain.Payments;

/// <summary>
/// A batch header's moves: approval decisions move the header itself (its items follow through
/// <see cref="PaymentStateMachine"/>), and once every item is terminal <see cref="Derive"/> says what became of it.
/// </summary>
public static class BatchStateMachine
{
    /// <summary>Where a new batch starts: approved when the tenant's rules ask for no approval.</summary>
    public static BatchStatus Initial(int approvalsRequired) => approvalsRequired == 0 ? BatchStatus.Approved : BatchStatus.PendingApproval;

    /// <summary>Cancellable by its submitter: nothing of it has been signed yet.</summary>
    public static bool IsCancellable(BatchStatus status) => status is BatchStatus.PendingApproval or BatchStatus.Approved;

    /// <summary>True when <paramref name="trigger"/> (an approver's or submitter's action) may move the header.</summary>
    public static bool CanMove(BatchStatus from, BatchStatus to, PaymentTrigger trigger) => trigger switch
    {
        PaymentTrigger.Approve => from == BatchStatus.PendingApproval && to == BatchStatus.Approved,
        PaymentTrigger.Reject => from == BatchStatus.PendingApproval && to == BatchStatus.Rejected,
        PaymentTrigger.Cancel => IsCancellable(from) && to == BatchStatus.Cancelled,
        _ => false,
    };

    /// <summary>The move, or <see cref="IllegalTransitionException{TStatus}"/> naming what was refused.</summary>
    public static BatchStatus Move(BatchStatus from, BatchStatus to, PaymentTrigger trigger) =>
        CanMove(from, to, trigger) ? to : throw new IllegalTransitionException<BatchStatus>("batch", from, to, trigger, from.ToWire(), to.ToWire());

    /// <summary>
    /// A batch's status as shown: <paramref name="header"/> until the batch is complete and every item is final
    /// (<see cref="PaymentStateMachine.IsFinal"/>: completed may still become returned, and this follows it), then:
    /// <list type="bullet">
    /// <item>every item completed → completed; every item returned → returned;</item>
    /// <item>some items completed or returned, others not → partially_completed;</item>
    /// <item>any item needs_attention (and none completed) → needs_attention: an operator must look;</item>
    /// <item>no item completed: all rejected → rejected, all cancelled → cancelled, otherwise failed.</item>
    /// </list>
    /// </summary>
    /// <param name="header">The batch header's status.</param>
    /// <param name="complete">Whether every item has been written.</param>
    /// <param name="counts">Items per status.</param>
    public static BatchStatus Derive(BatchStatus header, bool complete, IReadOnlyDictionary<PaymentStatus, int> counts)
    {
        var total = counts.Values.Sum();
        if (!complete || total == 0 || counts.Any(c => c.Value > 0 && !PaymentStateMachine.IsFinal(c.Key)))
        {
            return header;
        }
        int Count(PaymentStatus status) => counts.GetValueOrDefault(status);
        var completed = Count(PaymentStatus.Completed);
        var returned = Count(PaymentStatus.Returned);
        if (completed == total)
        {
            return BatchStatus.Completed;
        }
        if (returned == total)
        {
            return BatchStatus.Returned;
        }
        if (completed + returned > 0)
        {
            return BatchStatus.PartiallyCompleted;
        }
        if (Count(PaymentStatus.NeedsAttention) > 0)
        {
            return BatchStatus.NeedsAttention;
        }
        if (Count(PaymentStatus.Rejected) == total)
        {
            return BatchStatus.Rejected;
        }
        return Count(PaymentStatus.Cancelled) == total ? BatchStatus.Cancelled : BatchStatus.Failed;
    }
}
