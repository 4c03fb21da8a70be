using BankFunctions.Domain.Payments;
using BankFunctions.Features.Dispatch;
using BankFunctions.Features.Http;
using BankFunctions.Features.Runtime;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Payments;

/// <summary>
/// POST /v1/payments/{id}/cancel (submitter): only while nothing can have reached the bank.
/// <list type="bullet">
/// <item>pending_approval or approved: an approved payment already on the queue is safe to cancel — the sign stage
/// moves approved → signing with an ETag and skips anything no longer approved.</item>
/// <item>signing, while its bank file is <c>prepared</c> (signed, never sent, or sent and refused with a retryable error
/// such as a 503 — the bank did not execute it — and now waiting for the bank): cancelled together with the file, in
/// one transaction guarded by both ETags. Dispatch claims a file (prepared → sending, ETag-guarded) before anything
/// leaves, so either the cancel wins and the claim fails, or the claim wins and the cancel is refused — never both.
/// Only a file that holds this payment alone: the signed file of several payments contains them all, and sending it
/// without one would mean a new file and signature, so such a payment is refused with a 409 that says so.</item>
/// <item>A file being prepared, or sending (the outcome of a send is unknown until the bank is asked — it may have
/// executed it), or anything later: 409.</item>
/// </list>
/// </summary>
public sealed class CancelPayment(PaymentActionRunner runner, TimeProvider clock) : IHttpHandler
{
    /// <param name="payment">The payment as stored.</param>
    /// <param name="file">Its bank file while it is signing (null when it has none, or it is not signing).</param>
    /// <param name="command">Who cancels, and why.</param>
    /// <param name="now">When.</param>
    public static PaymentDecision Decide(PaymentState payment, SigningFile? file, PaymentCommand command, DateTimeOffset now)
    {
        if (CancelOwnership.Check(payment.CreatedBy, command.Caller, "payment") is { } notOwner)
        {
            return new PaymentDecision.Refused(notOwner);
        }
        if (payment.BatchId is not null)
        {
            return Refuse("Batch items are cancelled with their batch: POST /v1/payment-batches/{id}/cancel.");
        }
        var reason = command.Reason ?? "Cancelled by submitter";
        if (payment.Status == PaymentStatus.Signing)
        {
            if (file is null || file.State == BankFileStates.Preparing)
            {
                return Refuse("The payment's bank file is being signed; try again in a moment.");
            }
            if (file.State != BankFileStates.Prepared)
            {
                return Refuse($"The payment is signing and its bank file is {file.State}: it may have reached the bank, so it can no longer be cancelled.");
            }
            if (file.PaymentCount != 1 || file.BatchId is not null)
            {
                return Refuse($"The payment is in a signed bank file with {file.PaymentCount - 1} other payment(s), which would go to the bank without it " +
                    "only as a new file; it cannot be cancelled alone once signed.");
            }
            return Cancel(now, reason, closeFile: "Cancelled before sending: " + reason);
        }
        if (!PaymentStateMachine.IsCancellableBeforeSigning(payment.Status))
        {
            return Refuse($"The payment is {payment.Status.ToWire()}; it can only be cancelled before it is sent.");
        }
        return Cancel(now, reason, closeFile: null);
    }

    private static PaymentDecision.Accepted Cancel(DateTimeOffset now, string reason, string? closeFile) =>
        new(now, "payment.cancelled", Move: new PaymentMove(PaymentStatus.Cancelled, PaymentTrigger.Cancel, reason), CloseFile: closeFile);

    private static PaymentDecision.Refused Refuse(string detail) => new(new Refusal(RefusalKind.InvalidState, detail));

    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var caller = context.Caller();
        var tenantId = caller.RequireTenant();
        var id = RouteValues.Id(context, "id", "Payment");
        var command = new PaymentCommand(caller, await ReasonInput.ReadAsync(context, cancellationToken));
        var outcome = await runner.RunAsync(tenantId, id, caller, withFile: true, (payment, file) => Decide(payment, file, command, clock.GetUtcNow()), cancellationToken);
        return outcome.ToResult($"Payment '{id}'", row => PaymentView.From(row));
    }
}
