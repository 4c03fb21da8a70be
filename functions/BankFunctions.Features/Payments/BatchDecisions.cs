using Azure.Data.Tables;
using BankFunctions.Domain.Payments;
using BankFunctions.Features.Approvals;
using BankFunctions.Features.Auth;
using BankFunctions.Features.Http;
using BankFunctions.Storage;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Payments;

/// <summary>Approve / reject / cancel decisions on a batch header. Pure; the same rules as single payments.</summary>
public static class BatchDecisions
{
    public static TransitionDecision Approve(BatchRow row, Caller caller, string? reason, DateTimeOffset now)
    {
        if (!row.Complete)
        {
            return new TransitionDecision.Stop(Problem.InvalidState("The batch is still being written; approve it once it is complete."));
        }
        if (!BatchStateMachine.CanMove(BatchStatusNames.Parse(row.Status), BatchStatus.Approved, PaymentTrigger.Approve))
        {
            return new TransitionDecision.Stop(Problem.InvalidState($"The batch is {row.Status}; only pending_approval batches can be approved."));
        }
        var before = BatchView.From(row);
        var verdict = ApprovalPolicy.Approve(row.CreatedBy, ApprovalList.Parse(row.Approvals), row.ApprovalsRequired, caller.Actor);
        switch (verdict)
        {
            case ApprovalPolicy.Verdict.CreatorCannotApprove:
                return new TransitionDecision.Stop(Problem.NotAllowed("The creator of a batch cannot approve it.", "The key that created this batch can never approve it (dual control); another approver must."));
            case ApprovalPolicy.Verdict.AlreadyApprovedByThisKey:
                return new TransitionDecision.Stop(Problem.Conflict("This key has already approved the batch; another key must give the next approval."));
        }
        row.Approvals = ApprovalList.Add(row.Approvals, caller.Actor);
        row.UpdatedAt = now;
        var extra = new List<TableTransactionAction>();
        if (verdict == ApprovalPolicy.Verdict.Approved)
        {
            Move(row, BatchStatus.Approved, PaymentTrigger.Approve, reason, now);
            extra.Add(new(TableTransactionActionType.UpsertReplace,
                PaymentRows.Outbox(row.PartitionKey, row.BatchId, QueueNames.PaymentsSign, new SignMessage(row.PartitionKey, null, row.BatchId).ToJson(), now)));
        }
        extra.Add(new(TableTransactionActionType.Add, Audit.Row(row.PartitionKey, caller,
            verdict == ApprovalPolicy.Verdict.Approved ? "batch.approved" : "batch.approval-recorded", row.BatchId, before, BatchView.From(row), now)));
        return new TransitionDecision.Write(extra);
    }

    public static TransitionDecision Reject(BatchRow row, Caller caller, string? reason, DateTimeOffset now)
    {
        if (!BatchStateMachine.CanMove(BatchStatusNames.Parse(row.Status), BatchStatus.Rejected, PaymentTrigger.Reject))
        {
            return new TransitionDecision.Stop(Problem.InvalidState($"The batch is {row.Status}; only pending_approval batches can be rejected."));
        }
        var before = BatchView.From(row);
        Move(row, BatchStatus.Rejected, PaymentTrigger.Reject, reason ?? "Rejected by approver", now);
        return new TransitionDecision.Write([new(TableTransactionActionType.Add, Audit.Row(row.PartitionKey, caller, "batch.rejected", row.BatchId, before, BatchView.From(row), now))]);
    }

    public static TransitionDecision Cancel(BatchRow row, Caller caller, string? reason, DateTimeOffset now)
    {
        if (CancelOwnership.Check(row.CreatedBy, caller, "batch") is { } notOwner)
        {
            return new TransitionDecision.Stop(notOwner);
        }
        if (!BatchStateMachine.CanMove(BatchStatusNames.Parse(row.Status), BatchStatus.Cancelled, PaymentTrigger.Cancel))
        {
            return new TransitionDecision.Stop(Problem.InvalidState($"The batch is {row.Status}; it can only be cancelled before it is sent."));
        }
        var before = BatchView.From(row);
        Move(row, BatchStatus.Cancelled, PaymentTrigger.Cancel, reason ?? "Cancelled by submitter", now);
        return new TransitionDecision.Write([new(TableTransactionActionType.Add, Audit.Row(row.PartitionKey, caller, "batch.cancelled", row.BatchId, before, BatchView.From(row), now))]);
    }

    private static void Move(BatchRow row, BatchStatus to, PaymentTrigger by, string? reason, DateTimeOffset now)
    {
        var status = BatchStateMachine.Move(BatchStatusNames.Parse(row.Status), to, by).ToWire();
        row.Status = status;
        row.UpdatedAt = now;
        row.StatusHistory = StatusHistory.Append(row.StatusHistory, new StatusChange(status, now, reason));
    }
}
