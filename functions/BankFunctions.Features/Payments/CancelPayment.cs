using Azure.Data.Tables;
using BankFunctions.Features.Auth;
using BankFunctions.Features.Http;
using BankFunctions.Features.Runtime;
using BankFunctions.Storage.Rows;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Payments;

/// <summary>
/// POST /v1/payments/{id}/cancel (submitter): only before sending. An approved payment already on the queue is
/// safe to cancel: the sign stage moves approved → signing with an ETag and skips anything no longer approved.
/// </summary>
public sealed class CancelPayment(PaymentStore payments, TimeProvider clock) : IHttpHandler
{
    public static TransitionDecision Decide(PaymentRow row, Caller caller, string? reason, DateTimeOffset now)
    {
        if (CancelOwnership.Check(row.CreatedBy, caller, "payment") is { } notOwner)
        {
            return new TransitionDecision.Stop(notOwner);
        }
        if (row.BatchId is not null)
        {
            return new TransitionDecision.Stop(Problem.InvalidState("Batch items are cancelled with their batch: POST /v1/payment-batches/{id}/cancel."));
        }
        if (!PaymentStatuses.IsCancellable(row.Status))
        {
            return new TransitionDecision.Stop(Problem.InvalidState($"The payment is {row.Status}; it can only be cancelled before it is sent."));
        }
        var before = PaymentView.From(row);
        row.Status = PaymentStatuses.Cancelled;
        row.StatusReason = reason ?? "Cancelled by submitter";
        row.UpdatedAt = now;
        row.StatusHistory = StatusHistory.Append(row.StatusHistory, new StatusChange(PaymentStatuses.Cancelled, now, row.StatusReason));
        return new TransitionDecision.Write([new(TableTransactionActionType.Add, Audit.Row(row.PartitionKey, caller, "payment.cancelled", row.PaymentId, before, PaymentView.From(row), now))]);
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
