using Azure.Data.Tables;
using BankFunctions.Features.Http;
using BankFunctions.Features.Payments;
using BankFunctions.Features.Runtime;
using BankFunctions.Storage;
using BankFunctions.Storage.Guard;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Receivables;

/// <summary>
/// POST /v1/expected-payments/{id}/cancel (submitter: the creating key, or a key with the admin role): an open or
/// partially reconciled expected payment stops being matched (what settled it stays listed); a reconciled or
/// cancelled one is a 409. One ETag-guarded transaction with its audit row, decided again if a pull changed it meanwhile.
/// </summary>
public sealed class CancelExpectedPayment(StorageClients storage, ExpectedPaymentStore store, TimeProvider clock, AuditRows audit) : IHttpHandler
{
    private const int Attempts = 5;

    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var id = RouteValues.Id(context, "id", "Expected payment");
        var caller = context.Caller();
        var tenantId = caller.RequireTenant();
        var reason = await ReasonInput.ReadAsync(context, cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            var row = await store.FindAsync(tenantId, id, cancellationToken);
            if (row is null)
            {
                return Problem.NotFound($"Expected payment '{id}'");
            }
            if (CancelOwnership.Check(row.CreatedBy, caller, "expected payment") is { } refusal)
            {
                return refusal.ToProblem();
            }
            if (!ExpectedPaymentRows.IsOpen(row))
            {
                return Problem.InvalidState($"Expected payment '{id}' is {row.Status}; only open or partially_reconciled ones can be cancelled.");
            }
            var before = ExpectedPaymentView.From(row);
            var now = clock.GetUtcNow();
            row.Status = ExpectedPaymentStatus.Cancelled.ToWire();
            row.CancelReason = reason;
            row.UpdatedAt = now;
            var after = ExpectedPaymentView.From(row);
            try
            {
                await storage.Table(TableNames.TenantData).SubmitCheckedAsync(
                [
                    new(TableTransactionActionType.UpdateReplace, row, row.ETag),
                    new(TableTransactionActionType.Add, audit.Row(tenantId, caller, "expected_payment.cancelled", id, before, after, now)),
                ], cancellationToken);
                return Results.Json(after, ApiJson.Options);
            }
            catch (TableTransactionFailedException e) when (e.Status == 412 && attempt < Attempts)
            {
                // A statement pull settled part of it meanwhile: decide again on what it is now.
            }
        }
    }
}
