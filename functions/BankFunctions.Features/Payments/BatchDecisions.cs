using BankFunctions.Domain.Payments;
using BankFunctions.Features.Approvals;

namespace BankFunctions.Features.Payments;

/// <summary>
/// Approve / reject / cancel decisions on a batch header. Pure; the same rules as single payments. The header moves
/// by <see cref="BatchStateMachine"/>; its items follow by <see cref="PaymentStateMachine"/> once the header commits.
/// </summary>
public static class BatchDecisions
{
    public static BatchDecision Approve(BatchState batch, PaymentCommand command, DateTimeOffset now)
    {
        if (!batch.Complete)
        {
            return Refuse(RefusalKind.InvalidState, "The batch is still being written; approve it once it is complete.");
        }
        if (!BatchStateMachine.CanMove(batch.Status, BatchStatus.Approved, PaymentTrigger.Approve))
        {
            return Refuse(RefusalKind.InvalidState, $"The batch is {batch.Status.ToWire()}; only pending_approval batches can be approved.");
        }
        var outcome = ApprovalLevelRules.Decide(batch.Levels, batch.CreatedBy, command.Caller.Approver, now);
        if (outcome is ApprovalOutcome.Refused refused)
        {
            return new BatchDecision.Refused(ApprovalRefusals.For(refused, "batch"));
        }
        var recorded = (ApprovalOutcome.Recorded)outcome;
        return recorded.FullyApproved
            ? new BatchDecision.Accepted(now, "batch.approved", recorded.Levels,
                Move: new BatchMove(BatchStatus.Approved, PaymentTrigger.Approve, command.Reason,
                    new ItemsMove(new HashSet<PaymentStatus> { PaymentStatus.PendingApproval }, PaymentStatus.Approved, PaymentTrigger.Approve, null)),
                QueueForSigning: true)
            : new BatchDecision.Accepted(now, "batch.approval-recorded", recorded.Levels);
    }

    public static BatchDecision Reject(BatchState batch, PaymentCommand command, DateTimeOffset now)
    {
        if (!BatchStateMachine.CanMove(batch.Status, BatchStatus.Rejected, PaymentTrigger.Reject))
        {
            return Refuse(RefusalKind.InvalidState, $"The batch is {batch.Status.ToWire()}; only pending_approval batches can be rejected.");
        }
        return new BatchDecision.Accepted(now, "batch.rejected", Move: new BatchMove(BatchStatus.Rejected, PaymentTrigger.Reject, command.Reason ?? "Rejected by approver",
            new ItemsMove(new HashSet<PaymentStatus> { PaymentStatus.PendingApproval }, PaymentStatus.Rejected, PaymentTrigger.Reject, "Batch rejected")));
    }

    public static BatchDecision Cancel(BatchState batch, PaymentCommand command, DateTimeOffset now)
    {
        if (CancelOwnership.Check(batch.CreatedBy, command.Caller, "batch") is { } notOwner)
        {
            return new BatchDecision.Refused(notOwner);
        }
        if (!BatchStateMachine.CanMove(batch.Status, BatchStatus.Cancelled, PaymentTrigger.Cancel))
        {
            return Refuse(RefusalKind.InvalidState, $"The batch is {batch.Status.ToWire()}; it can only be cancelled before it is sent.");
        }
        // Items waiting for approval or for the sign stage; items the sign stage has already taken stay with the batch's one file.
        return new BatchDecision.Accepted(now, "batch.cancelled", Move: new BatchMove(BatchStatus.Cancelled, PaymentTrigger.Cancel, command.Reason ?? "Cancelled by submitter",
            new ItemsMove(new HashSet<PaymentStatus> { PaymentStatus.PendingApproval, PaymentStatus.Approved }, PaymentStatus.Cancelled, PaymentTrigger.Cancel, "Batch cancelled")));
    }

    private static BatchDecision.Refused Refuse(RefusalKind kind, string detail, string? title = null) => new(new Refusal(kind, detail, title));
}
