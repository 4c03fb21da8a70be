using Azure.Data.Tables;
using BankFunctions.Domain.Ids;
using BankFunctions.Features.Approvals;
using BankFunctions.Features.Http;
using BankFunctions.Features.Runtime;
using BankFunctions.Storage;
using BankFunctions.Storage.Guard;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Counterparties;

/// <summary>
/// PATCH /v1/counterparties/{id} (submitter): change the name, e-mail, address, metadata or accounts
/// (<see cref="CounterpartyRules.Update"/>). An account added or given new bank details goes back to
/// pending_approval. One ETag-guarded transaction with its audit rows; decided again if the row changed meanwhile.
/// </summary>
public sealed class UpdateCounterparty(StorageClients storage, CounterpartyStore store, ApprovalRulesStore settings, TimeProvider clock, AuditRows audit) : IHttpHandler
{
    private const int Attempts = 5;

    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var id = RouteValues.Id(context, "id", "Counterparty");
        var caller = context.Caller();
        var tenantId = caller.RequireTenant();
        var input = await JsonBody.ReadAsync<CounterpartyInput>(context, cancellationToken);
        var workflow = await settings.GetSettingsAsync(tenantId, cancellationToken, fresh: true);
        for (var attempt = 1; ; attempt++)
        {
            var row = await store.FindAsync(tenantId, id, cancellationToken);
            if (row is null)
            {
                return Problem.NotFound($"Counterparty '{id}'");
            }
            var before = CounterpartyStore.View(row);
            var now = clock.GetUtcNow();
            var result = CounterpartyRules.Update(before, input, caller.Actor, now, workflow.CounterpartyAccountChangeApprovals, () => CounterpartyAccountId.New(now).Value);
            if (result is CounterpartyRules.Invalid invalid)
            {
                return Problem.Validation(invalid.Errors);
            }
            var (after, changes) = (CounterpartyRules.Valid)result;
            var actions = new List<TableTransactionAction>
            {
                new(TableTransactionActionType.UpdateReplace, CounterpartyStore.Row(tenantId, after, row.ETag), row.ETag),
                new(TableTransactionActionType.Add, audit.Row(tenantId, caller, "counterparty.updated", id, before, after, now)),
            };
            actions.AddRange(AccountChangeAudit.Rows(audit, tenantId, caller, before, after, changes, now).Select(r => new TableTransactionAction(TableTransactionActionType.Add, r)));
            try
            {
                await storage.Table(TableNames.TenantData).SubmitCheckedAsync(actions, cancellationToken);
                return Results.Json(after, ApiJson.Options);
            }
            catch (TableTransactionFailedException e) when (e.Status is 412 or 404 && attempt < Attempts)
            {
                // An approval or a first payment changed it meanwhile (or it was deleted): decide again on what it is now.
            }
        }
    }
}
