using BankFunctions.Domain.Payments;
using BankFunctions.Features.Http;
using BankFunctions.Features.Runtime;
using BankFunctions.Storage;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Payments;

/// <summary>
/// POST /v1/payments/{id}/attention/confirm (admin; operator twin under /v1/admin/tenants/{tenantId}): the second person
/// of dual control confirms a proposed "completed" resolution — never the proposer, never the payment's creator. Optional
/// body <c>{"reason": "…"}</c>, kept as the confirmer's note.
/// </summary>
public sealed class ConfirmResolution(StorageClients storage, PaymentActionRunner runner, AttentionSettlement settlement, TimeProvider clock) : IHttpHandler
{
    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var tenantId = await AttentionRoute.TenantAsync(context, storage, cancellationToken);
        var id = RouteValues.Id(context, "id", "Payment");
        var caller = context.Caller();
        var note = await ReasonInput.ReadAsync(context, cancellationToken);
        var result = await runner.RunAsync(tenantId, id, caller, withFile: false,
            (payment, _) => AttentionDecisions.Confirm(payment, caller, note, clock.GetUtcNow()), cancellationToken);
        if (result is { Row: { } saved, Refusal: null } && PaymentTransitions.StatusOf(saved) != PaymentStatus.NeedsAttention)
        {
            await settlement.AfterSettledAsync(saved, cancellationToken);
        }
        return result.ToResult($"Payment '{id}'", row => PaymentView.From(row));
    }
}
