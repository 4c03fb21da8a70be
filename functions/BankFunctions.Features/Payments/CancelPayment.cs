using Azure.Data.Tables;
using BankFunctions.Domain.Payments;
using BankFunctions.Features.Auth;
using BankFunctions.Features.Dispatch;
using BankFunctions.Features.Http;
using BankFunctions.Features.Runtime;
using BankFunctions.Storage;
using BankFunctions.Storage.Guard;
using BankFunctions.Storage.Rows;
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
public sealed class CancelPayment(PaymentStore payments, BankFileStore files, StorageClients storage, TimeProvider clock) : IHttpHandler
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
        if (!PaymentStateMachine.IsCancellableBeforeSigning(PaymentTransitions.StatusOf(row)))
        {
            return new TransitionDecision.Stop(Problem.InvalidState($"The payment is {row.Status}; it can only be cancelled before it is sent."));
        }
        return Cancel(row, caller, reason, now, []);
    }

    /// <summary>A signing payment: cancellable with its file while that file is prepared and holds it alone (see the class).</summary>
    public static TransitionDecision DecideWhileSigning(PaymentRow row, BankFileRow? file, Caller caller, string? reason, DateTimeOffset now)
    {
        if (row.BatchId is not null || PaymentTransitions.StatusOf(row) != PaymentStatus.Signing)
        {
            return Decide(row, caller, reason, now);
        }
        if (CancelOwnership.Check(row.CreatedBy, caller, "payment") is { } notOwner)
        {
            return new TransitionDecision.Stop(notOwner);
        }
        if (file is null || file.State == BankFileStates.Preparing)
        {
            return new TransitionDecision.Stop(Problem.InvalidState("The payment's bank file is being signed; try again in a moment."));
        }
        if (file.State != BankFileStates.Prepared)
        {
            return new TransitionDecision.Stop(Problem.InvalidState(
                $"The payment is signing and its bank file is {file.State}: it may have reached the bank, so it can no longer be cancelled."));
        }
        if (file.PaymentCount != 1 || file.BatchId is not null)
        {
            return new TransitionDecision.Stop(Problem.InvalidState(
                $"The payment is in a signed bank file with {file.PaymentCount - 1} other payment(s), which would go to the bank without it " +
                "only as a new file; it cannot be cancelled alone once signed."));
        }
        file.State = BankFileStates.Final;
        file.LastError = "Cancelled before sending: " + (reason ?? "Cancelled by submitter");
        file.LastErrorCode = null;
        file.BankUnavailableSince = null;
        file.NextAttemptAt = null;
        file.UpdatedAt = now;
        return Cancel(row, caller, reason, now, [new(TableTransactionActionType.UpdateReplace, file, file.ETag)]);
    }

    private static TransitionDecision Cancel(PaymentRow row, Caller caller, string? reason, DateTimeOffset now, List<TableTransactionAction> extra)
    {
        var before = PaymentView.From(row);
        PaymentTransitions.Apply(row, PaymentStatus.Cancelled, PaymentTrigger.Cancel, now, reason ?? "Cancelled by submitter");
        extra.Add(new(TableTransactionActionType.Add, Audit.Row(row.PartitionKey, caller, "payment.cancelled", row.PaymentId, before, PaymentView.From(row), now)));
        return new TransitionDecision.Write(extra);
    }

    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var caller = context.Caller();
        var tenantId = caller.RequireTenant();
        var id = RouteValues.Id(context, "id", "Payment");
        var reason = await ReasonInput.ReadAsync(context, cancellationToken);
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var row = await payments.FindAsync(tenantId, id, cancellationToken);
            if (row is null)
            {
                return Problem.NotFound($"Payment '{id}'");
            }
            if (PaymentTransitions.StatusOf(row) != PaymentStatus.Signing)
            {
                var (moved, stopped) = await payments.TransitionAsync(tenantId, id, r => Decide(r, caller, reason, clock.GetUtcNow()), cancellationToken);
                return moved is null ? Problem.NotFound($"Payment '{id}'") : stopped ?? Results.Json(PaymentView.From(moved), ApiJson.Options);
            }
            var file = row.FileId is { } fileId ? await files.FindAsync(tenantId, fileId, cancellationToken) : null;
            switch (DecideWhileSigning(row, file, caller, reason, clock.GetUtcNow()))
            {
                case TransitionDecision.Stop stop:
                    return stop.Result;
                case TransitionDecision.Write write:
                    try
                    {
                        await storage.Table(TableNames.TenantData).SubmitCheckedAsync(
                            [new(TableTransactionActionType.UpdateReplace, row, row.ETag), .. write.Extra], cancellationToken);
                        return Results.Json(PaymentView.From(row), ApiJson.Options);
                    }
                    catch (TableTransactionFailedException e) when (e.Status == 412)
                    {
                        // Dispatch claimed the file, or the payment moved: decide again on what is there now.
                    }
                    break;
            }
        }
        throw new InvalidOperationException("The payment kept changing while being cancelled.");
    }
}
