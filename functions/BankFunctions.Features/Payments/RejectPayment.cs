using Azure.Data.Tables;
using BankFunctions.Domain.Payments;
using BankFunctions.Features.Auth;
using BankFunctions.Features.Http;
using BankFunctions.Features.Runtime;
using BankFunctions.Storage.Rows;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Payments;

/// <summary>POST /v1/payments/{id}/reject (approver): a pending payment is rejected for good.</summary>
public sealed class RejectPayment(PaymentStore payments, TimeProvider clock) : IHttpHandler
{
    public static TransitionDecision Decide(PaymentRow row, Caller caller, string? reason, DateTimeOffset now)
    {
        if (row.BatchId is not null)
        {
            return new TransitionDecision.Stop(Problem.InvalidState("Batch items are rejected with their batch: POST /v1/payment-batches/{id}/reject."));
        }
        if (!PaymentStateMachine.CanMove(PaymentTransitions.StatusOf(row), PaymentStatus.Rejected, PaymentTrigger.Reject))
        {
            return new TransitionDecision.Stop(Problem.InvalidState($"The payment is {row.Status}; only pending_approval payments can be rejected."));
        }
        var before = PaymentView.From(row);
        PaymentTransitions.Apply(row, PaymentStatus.Rejected, PaymentTrigger.Reject, now, reason ?? "Rejected by approver");
        return new TransitionDecision.Write([new(TableTransactionActionType.Add, Audit.Row(row.PartitionKey, caller, "payment.rejected", row.PaymentId, before, PaymentView.From(row), now))]);
    }

    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var caller = context.Caller();
        var id = RouteValues.Id(context, "id", "Payment");
        var reason = await ReasonInput.ReadAsync(context, cancellationToken);
        var (row, stopped) = await payments.TransitionAsync(caller.RequireTenant(), id, r => Decide(r, caller, reason, clock.GetUtcNow()), cancellationToken);
        return row is null ? Problem.NotFound($"Payment '{id}'") : stopped ?? Results.Json(PaymentView.From(row), ApiJson.Options);
    }
}
