using Azure.Data.Tables;
using BankFunctions.Features.Http;
using BankFunctions.Features.Runtime;
using BankFunctions.Storage;
using BankFunctions.Storage.Guard;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Counterparties;

/// <summary>
/// DELETE /v1/counterparties/{id} (submitter): the counterparty and its accounts are gone (payments already submitted
/// keep the creditor details they were given). ETag-guarded, audited with what was deleted.
/// </summary>
public sealed class DeleteCounterparty(StorageClients storage, CounterpartyStore store, TimeProvider clock, AuditRows audit) : IHttpHandler
{
    private const int Attempts = 5;

    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var id = RouteValues.Id(context, "id", "Counterparty");
        var caller = context.Caller();
        var tenantId = caller.RequireTenant();
        for (var attempt = 1; ; attempt++)
        {
            var row = await store.FindAsync(tenantId, id, cancellationToken);
            if (row is null)
            {
                return Problem.NotFound($"Counterparty '{id}'");
            }
            var now = clock.GetUtcNow();
            try
            {
                await storage.Table(TableNames.TenantData).SubmitCheckedAsync(
                [
                    new(TableTransactionActionType.Delete, row, row.ETag),
                    new(TableTransactionActionType.Add, audit.Row(tenantId, caller, "counterparty.deleted", id, CounterpartyStore.View(row), null, now)),
                ], cancellationToken);
                return Results.NoContent();
            }
            catch (TableTransactionFailedException e) when (e.Status is 412 or 404 && attempt < Attempts)
            {
                // Changed (or deleted) meanwhile: read it again, so the audit row records what was deleted.
            }
        }
    }
}
