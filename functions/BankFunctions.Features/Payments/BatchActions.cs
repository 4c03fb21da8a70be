using BankFunctions.Domain.Payments;
using BankFunctions.Features.Auth;
using BankFunctions.Features.Http;
using BankFunctions.Features.Outbox;
using BankFunctions.Features.Runtime;
using BankFunctions.Storage;
using BankFunctions.Storage.Queues;
using BankFunctions.Storage.Rows;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Payments;

/// <summary>POST /v1/payment-batches/{id}/approve (approver).</summary>
public sealed class ApproveBatch(PaymentStore payments, BatchItemStatuses items, IQueueSender queue, TimeProvider clock) : IHttpHandler
{
    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var (row, result) = await BatchAction.RunAsync(context, payments, BatchDecisions.Approve, clock, cancellationToken);
        if (row is not null && result is null && BatchStatusNames.Parse(row.Status) == BatchStatus.Approved)
        {
            await items.MoveAsync(row.PartitionKey, row.BatchId, new HashSet<PaymentStatus> { PaymentStatus.PendingApproval }, PaymentStatus.Approved, PaymentTrigger.Approve, null,
                nameof(ApproveBatch), cancellationToken);
            await queue.TrySendAsync(QueueNames.PaymentsSign, new SignMessage(row.PartitionKey, null, row.BatchId).ToJson(), CancellationToken.None);
        }
        return result ?? Results.Json(BatchView.From(row!), ApiJson.Options);
    }
}

/// <summary>POST /v1/payment-batches/{id}/reject (approver): the batch and all its items are rejected.</summary>
public sealed class RejectBatch(PaymentStore payments, BatchItemStatuses items, TimeProvider clock) : IHttpHandler
{
    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var (row, result) = await BatchAction.RunAsync(context, payments, BatchDecisions.Reject, clock, cancellationToken);
        if (row is not null && result is null)
        {
            await items.MoveAsync(row.PartitionKey, row.BatchId, new HashSet<PaymentStatus> { PaymentStatus.PendingApproval }, PaymentStatus.Rejected, PaymentTrigger.Reject,
                "Batch rejected", nameof(RejectBatch), cancellationToken);
        }
        return result ?? Results.Json(BatchView.From(row!), ApiJson.Options);
    }
}

/// <summary>POST /v1/payment-batches/{id}/cancel (submitter): before sending only.</summary>
public sealed class CancelBatch(PaymentStore payments, BatchItemStatuses items, TimeProvider clock) : IHttpHandler
{
    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var (row, result) = await BatchAction.RunAsync(context, payments, BatchDecisions.Cancel, clock, cancellationToken);
        if (row is not null && result is null)
        {
            await items.MoveAsync(row.PartitionKey, row.BatchId, new HashSet<PaymentStatus> { PaymentStatus.PendingApproval, PaymentStatus.Approved },
                PaymentStatus.Cancelled, PaymentTrigger.Cancel, "Batch cancelled", nameof(CancelBatch), cancellationToken);
        }
        return result ?? Results.Json(BatchView.From(row!), ApiJson.Options);
    }
}

internal static class BatchAction
{
    public static async Task<(BatchRow? Row, IResult? Result)> RunAsync(HttpContext context, PaymentStore payments,
        Func<BatchRow, Caller, string?, DateTimeOffset, TransitionDecision> decide, TimeProvider clock, CancellationToken cancellationToken)
    {
        var caller = context.Caller();
        var tenantId = caller.RequireTenant();
        var id = RouteValues.Id(context, "id", "Batch");
        var reason = await ReasonInput.ReadAsync(context, cancellationToken);
        var (row, stopped) = await payments.TransitionAsync<BatchRow>(TableKeys.TenantPartition(tenantId), TableKeys.BatchRow(id),
            r => decide(r, caller, reason, clock.GetUtcNow()), cancellationToken);
        return row is null ? (null, Problem.NotFound($"Batch '{id}'")) : (row, stopped);
    }
}
