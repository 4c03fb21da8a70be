using BankFunctions.Domain.Payments;
using BankFunctions.Features.Http;
using BankFunctions.Features.Runtime;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Payments;

/// <summary>POST /v1/payments/{id}/reject (approver): a pending payment is rejected for good.</summary>
public sealed class RejectPayment(PaymentActionRunner runner, TimeProvider clock) : IHttpHandler
{
    public static PaymentDecision Decide(PaymentState payment, PaymentCommand command, DateTimeOffset now)
    {
        if (payment.BatchId is not null)
        {
            return new PaymentDecision.Refused(new(RefusalKind.InvalidState, "Batch items are rejected with their batch: POST /v1/payment-batches/{id}/reject."));
        }
        if (!PaymentStateMachine.CanMove(payment.Status, PaymentStatus.Rejected, PaymentTrigger.Reject))
        {
            return new PaymentDecision.Refused(new(RefusalKind.InvalidState, $"The payment is {payment.Status.ToWire()}; only pending_approval payments can be rejected."));
        }
        return new PaymentDecision.Accepted(now, "payment.rejected",
            Move: new PaymentMove(PaymentStatus.Rejected, PaymentTrigger.Reject, command.Reason ?? "Rejected by approver"));
    }

    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var caller = context.Caller();
        var id = RouteValues.Id(context, "id", "Payment");
        var command = new PaymentCommand(caller, await ReasonInput.ReadAsync(context, cancellationToken));
        var outcome = await runner.RunAsync(caller.RequireTenant(), id, caller, withFile: false, (payment, _) => Decide(payment, command, clock.GetUtcNow()), cancellationToken);
        return outcome.ToResult($"Payment '{id}'", row => PaymentView.From(row));
    }
}
