using BankFunctions.Domain.Payments;
using BankFunctions.Features.Approvals;
using BankFunctions.Features.Http;
using BankFunctions.Features.Runtime;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Payments;

/// <summary>
/// POST /v1/payments/{id}/approve (approver). The creator can never approve; one key approves at most once; levels
/// are approved in order, each by members of its groups (<see cref="ApprovalLevelRules"/>). The last needed approval
/// moves the payment to approved, writes its outbox row and enqueues payments-sign.
/// </summary>
public sealed class ApprovePayment(PaymentActionRunner runner, TimeProvider clock) : IHttpHandler
{
    public static PaymentDecision Decide(PaymentState payment, PaymentCommand command, DateTimeOffset now)
    {
        if (payment.BatchId is not null)
        {
            return Refuse(RefusalKind.InvalidState, "Batch items are approved with their batch: POST /v1/payment-batches/{id}/approve.");
        }
        if (!PaymentStateMachine.CanMove(payment.Status, PaymentStatus.Approved, PaymentTrigger.Approve))
        {
            return Refuse(RefusalKind.InvalidState, $"The payment is {payment.Status.ToWire()}; only pending_approval payments can be approved.");
        }
        var outcome = ApprovalLevelRules.Decide(payment.Levels, payment.CreatedBy, command.Caller.Approver, now);
        if (outcome is ApprovalOutcome.Refused refused)
        {
            return new PaymentDecision.Refused(ApprovalRefusals.For(refused, "payment"));
        }
        var recorded = (ApprovalOutcome.Recorded)outcome;
        // An approval note goes into the history only: statusReason explains exits and bank answers.
        return recorded.FullyApproved
            ? new PaymentDecision.Accepted(now, "payment.approved", recorded.Levels,
                Move: new PaymentMove(PaymentStatus.Approved, PaymentTrigger.Approve, command.Reason, ReasonIsNote: true), QueueForSigning: true)
            : new PaymentDecision.Accepted(now, "payment.approval-recorded", recorded.Levels);
    }

    private static PaymentDecision.Refused Refuse(RefusalKind kind, string detail, string? title = null) => new(new Refusal(kind, detail, title));

    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var caller = context.Caller();
        var tenantId = caller.RequireTenant();
        var id = RouteValues.Id(context, "id", "Payment");
        var command = new PaymentCommand(caller, await ReasonInput.ReadAsync(context, cancellationToken));
        var outcome = await runner.RunAsync(tenantId, id, caller, withFile: false, (payment, _) => Decide(payment, command, clock.GetUtcNow()), cancellationToken);
        return outcome.ToResult($"Payment '{id}'", row => PaymentView.From(row));
    }
}
