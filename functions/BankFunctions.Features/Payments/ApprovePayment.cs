using Azure.Data.Tables;
using BankFunctions.Domain.Payments;
using BankFunctions.Features.Approvals;
using BankFunctions.Features.Auth;
using BankFunctions.Features.Http;
using BankFunctions.Features.Outbox;
using BankFunctions.Features.Runtime;
using BankFunctions.Storage;
using BankFunctions.Storage.Queues;
using BankFunctions.Storage.Rows;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Payments;

/// <summary>
/// POST /v1/payments/{id}/approve (approver). The creator can never approve; two approvals come from two keys.
/// The last needed approval moves the payment to approved, writes its outbox row and enqueues payments-sign.
/// </summary>
public sealed class ApprovePayment(PaymentStore payments, IQueueSender queue, TimeProvider clock) : IHttpHandler
{
    public static TransitionDecision Decide(PaymentRow row, Caller caller, string? reason, DateTimeOffset now)
    {
        if (row.BatchId is not null)
        {
            return new TransitionDecision.Stop(Problem.InvalidState("Batch items are approved with their batch: POST /v1/payment-batches/{id}/approve."));
        }
        if (!PaymentStateMachine.CanMove(PaymentTransitions.StatusOf(row), PaymentStatus.Approved, PaymentTrigger.Approve))
        {
            return new TransitionDecision.Stop(Problem.InvalidState($"The payment is {row.Status}; only pending_approval payments can be approved."));
        }
        var before = PaymentView.From(row);
        var verdict = ApprovalPolicy.Approve(row.CreatedBy, ApprovalList.Parse(row.Approvals), row.ApprovalsRequired, caller.Actor);
        switch (verdict)
        {
            case ApprovalPolicy.Verdict.CreatorCannotApprove:
                return new TransitionDecision.Stop(Problem.NotAllowed("The creator of a payment cannot approve it.", "The key that created this payment can never approve it (dual control); another approver must."));
            case ApprovalPolicy.Verdict.AlreadyApprovedByThisKey:
                return new TransitionDecision.Stop(Problem.Conflict("This key has already approved the payment; another key must give the next approval."));
        }
        row.Approvals = ApprovalList.Add(row.Approvals, caller.Actor);
        row.UpdatedAt = now;
        var extra = new List<TableTransactionAction>();
        if (verdict == ApprovalPolicy.Verdict.Approved)
        {
            // An approval note is kept in the history only: statusReason explains exits and bank answers, and stays as it was.
            var statusReason = row.StatusReason;
            PaymentTransitions.Apply(row, PaymentStatus.Approved, PaymentTrigger.Approve, now, reason);
            row.StatusReason = statusReason;
            extra.Add(new(TableTransactionActionType.UpsertReplace,
                PaymentRows.Outbox(row.PartitionKey, row.PaymentId, QueueNames.PaymentsSign, new SignMessage(row.PartitionKey, row.PaymentId, null).ToJson(), now)));
            if (row.BatchId is null)
            {
                extra.Add(new(TableTransactionActionType.UpsertReplace, PaymentRows.Ready(row)));
            }
        }
        extra.Add(new(TableTransactionActionType.Add, Audit.Row(row.PartitionKey, caller,
            verdict == ApprovalPolicy.Verdict.Approved ? "payment.approved" : "payment.approval-recorded", row.PaymentId, before, PaymentView.From(row), now)));
        return new TransitionDecision.Write(extra);
    }

    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var caller = context.Caller();
        var tenantId = caller.RequireTenant();
        var id = RouteValues.Id(context, "id", "Payment");
        var reason = await ReasonInput.ReadAsync(context, cancellationToken);
        var (row, stopped) = await payments.TransitionAsync(tenantId, id, r => Decide(r, caller, reason, clock.GetUtcNow()), cancellationToken);
        if (row is null)
        {
            return Problem.NotFound($"Payment '{id}'");
        }
        if (stopped is not null)
        {
            return stopped;
        }
        if (PaymentTransitions.StatusOf(row) == PaymentStatus.Approved)
        {
            await queue.TrySendAsync(QueueNames.PaymentsSign, new SignMessage(tenantId, id, null).ToJson(), CancellationToken.None);
        }
        return Results.Json(PaymentView.From(row), ApiJson.Options);
    }
}
