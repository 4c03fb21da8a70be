using BankFunctions.Domain.Payments;
using BankFunctions.Features.Dispatch;
using BankFunctions.Features.Http;
using BankFunctions.Features.Runtime;
using BankFunctions.Storage;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Payments;

/// <summary>
/// POST /v1/payments/{id}/attention/requery (admin; operator twin under /v1/admin/tenants/{tenantId}): asks the bank now
/// what became of a payment in needs_attention — the status query of the payments-status stage, through the file's
/// adapter (<see cref="BankFileRequests"/>), never a send. A final answer settles the payment through the state machine
/// (<see cref="PaymentTrigger.Requery"/>); any answer is kept in its attention log and audited with the person's key.
/// Per payment: the other payments of the file stay as they are until someone asks about them.
/// </summary>
public sealed class RequeryPayment(StorageClients storage, PaymentStore payments, BankFileStore files, BankFileRequests requests,
    PaymentActionRunner runner, AttentionSettlement settlement, TimeProvider clock) : IHttpHandler
{
    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var tenantId = await AttentionRoute.TenantAsync(context, storage, cancellationToken);
        var id = RouteValues.Id(context, "id", "Payment");
        var caller = context.Caller();
        if (await payments.FindAsync(tenantId, id, cancellationToken) is not { } row || !caller.MaySee(row.DebtorAccountId))
        {
            return Problem.NotFound($"Payment '{id}'");
        }
        if (AttentionDecisions.NotInNeedsAttention(PaymentState.From(row)) is { } refusal)
        {
            return refusal.ToProblem();
        }
        if (row.FileId is not { } fileId || await files.FindAsync(tenantId, fileId, cancellationToken) is not { } file)
        {
            return Problem.InvalidState("The payment never went into a bank file, so its bank has nothing to say about it: resolve it as failed, " +
                "and submit a new payment if it must still go out.");
        }
        var request = await requests.LoadAsync(file, cancellationToken);
        var answer = BankAnswers.For(await request.Adapter.QueryPaymentStatusAsync(request.PaymentFile, cancellationToken), row.BankReference);
        var outcome = await runner.RunAsync(tenantId, id, caller, withFile: false,
            (payment, _) => AttentionDecisions.Requery(payment, answer, caller, clock.GetUtcNow()), cancellationToken);
        if (outcome is { Row: { } saved, Refusal: null } && PaymentTransitions.StatusOf(saved) != PaymentStatus.NeedsAttention)
        {
            await settlement.AfterSettledAsync(saved, cancellationToken);
        }
        return outcome.ToResult($"Payment '{id}'", saved => new RequeryView(answer.ToView(), PaymentView.From(saved)));
    }
}
