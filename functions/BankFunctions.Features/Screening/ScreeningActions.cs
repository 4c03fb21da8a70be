using BankFunctions.Features.Http;
using BankFunctions.Features.Payments;
using BankFunctions.Features.Runtime;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Screening;

/// <summary>
/// POST /v1/payments/{id}/screening/clear (admin, reason required): a held payment was a false positive — approved
/// again, its outbox row and sign message written, and it is signed and sent without being screened again. Audited
/// (<see cref="ScreeningDecisions.Cleared"/>, actor, before/after, the reason in its history).
/// </summary>
public sealed class ClearScreening(PaymentActionRunner runner, TimeProvider clock) : IHttpHandler
{
    public Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken) =>
        ScreeningAction.RunAsync(context, runner, (p, c) => ScreeningDecisions.Clear(p, c, clock.GetUtcNow()), cancellationToken);
}

/// <summary>POST /v1/payments/{id}/screening/reject (admin, reason required): a held payment matched for real — rejected for good, audited.</summary>
public sealed class RejectScreening(PaymentActionRunner runner, TimeProvider clock) : IHttpHandler
{
    public Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken) =>
        ScreeningAction.RunAsync(context, runner, (p, c) => ScreeningDecisions.Reject(p, c, clock.GetUtcNow()), cancellationToken);
}

internal static class ScreeningAction
{
    internal static async Task<IResult> RunAsync(HttpContext context, PaymentActionRunner runner,
        Func<PaymentState, PaymentCommand, PaymentDecision> decide, CancellationToken cancellationToken)
    {
        var caller = context.Caller();
        var tenantId = caller.RequireTenant();
        var id = RouteValues.Id(context, "id", "Payment");
        var command = new PaymentCommand(caller, await ScreeningReasonInput.ReadAsync(context, cancellationToken));
        var outcome = await runner.RunAsync(tenantId, id, caller, withFile: false, (payment, _) => decide(payment, command), cancellationToken);
        return outcome.ToResult($"Payment '{id}'", row => PaymentView.From(row));
    }
}
