using BankFunctions.Domain.Payments;
using BankFunctions.Features.Http;
using BankFunctions.Features.Runtime;
using BankFunctions.Storage;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Payments;

/// <summary>
/// POST /v1/payments/{id}/attention/resolve (admin; operator twin under /v1/admin/tenants/{tenantId}): a person settles a
/// payment in needs_attention with a reason and evidence. failed: at once. completed: stored as pending until another
/// person confirms it (<see cref="ConfirmResolution"/>). Nothing is sent to the bank (<see cref="AttentionDecisions"/>).
/// </summary>
public sealed class ResolvePayment(StorageClients storage, PaymentActionRunner runner, AttentionSettlement settlement, TimeProvider clock) : IHttpHandler
{
    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var tenantId = await AttentionRoute.TenantAsync(context, storage, cancellationToken);
        var id = RouteValues.Id(context, "id", "Payment");
        var caller = context.Caller();
        var (outcome, reason, evidence) = await ResolveInput.ReadAsync(context, cancellationToken);
        var command = new ResolveCommand(caller, outcome, reason, evidence);
        var result = await runner.RunAsync(tenantId, id, caller, withFile: false,
            (payment, _) => AttentionDecisions.Resolve(payment, command, clock.GetUtcNow()), cancellationToken);
        if (result is { Row: { } saved, Refusal: null } && PaymentTransitions.StatusOf(saved) != PaymentStatus.NeedsAttention)
        {
            await settlement.AfterSettledAsync(saved, cancellationToken);
        }
        return result.ToResult($"Payment '{id}'", row => PaymentView.From(row));
    }
}
