using BankFunctions.Features.Http;
using BankFunctions.Features.Runtime;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Payments;

/// <summary>POST /v1/payment-batches/{id}/approve (approver).</summary>
public sealed class ApproveBatch(PaymentActionRunner runner, TimeProvider clock) : IHttpHandler
{
    public Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken) =>
        BatchAction.RunAsync(context, runner, nameof(ApproveBatch), BatchDecisions.Approve, clock, cancellationToken);
}

/// <summary>POST /v1/payment-batches/{id}/reject (approver): the batch and all its items are rejected.</summary>
public sealed class RejectBatch(PaymentActionRunner runner, TimeProvider clock) : IHttpHandler
{
    public Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken) =>
        BatchAction.RunAsync(context, runner, nameof(RejectBatch), BatchDecisions.Reject, clock, cancellationToken);
}

/// <summary>POST /v1/payment-batches/{id}/cancel (submitter): before sending only.</summary>
public sealed class CancelBatch(PaymentActionRunner runner, TimeProvider clock) : IHttpHandler
{
    public Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken) =>
        BatchAction.RunAsync(context, runner, nameof(CancelBatch), BatchDecisions.Cancel, clock, cancellationToken);
}

internal static class BatchAction
{
    public static async Task<IResult> RunAsync(HttpContext context, PaymentActionRunner runner, string function,
        Func<BatchState, PaymentCommand, DateTimeOffset, BatchDecision> decide, TimeProvider clock, CancellationToken cancellationToken)
    {
        var caller = context.Caller();
        var tenantId = caller.RequireTenant();
        var id = RouteValues.Id(context, "id", "Batch");
        var command = new PaymentCommand(caller, await ReasonInput.ReadAsync(context, cancellationToken));
        var outcome = await runner.RunBatchAsync(tenantId, id, caller, function, batch => decide(batch, command, clock.GetUtcNow()), cancellationToken);
        return outcome.ToResult($"Batch '{id}'", BatchView.From);
    }
}
