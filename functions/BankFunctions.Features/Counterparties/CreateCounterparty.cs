using System.Text.Json;
using Azure.Data.Tables;
using BankFunctions.Domain.Ids;
using BankFunctions.Features.Approvals;
using BankFunctions.Features.Http;
using BankFunctions.Features.Idempotency;
using BankFunctions.Features.Runtime;
using BankFunctions.Storage;
using BankFunctions.Storage.Guard;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Counterparties;

/// <summary>
/// POST /v1/counterparties (submitter, Idempotency-Key required): validated by <see cref="CounterpartyRules"/>; its
/// accounts start pending_approval under the tenant's <c>counterpartyAccountChangeApprovals</c>. One entity-group
/// transaction: counterparty + idempotency + audit (the counterparty and each account added).
/// </summary>
public sealed class CreateCounterparty(StorageClients storage, ApprovalRulesStore settings, IdempotencyStore idempotency, TimeProvider clock, AuditRows audit) : IHttpHandler
{
    private const string Route = "POST v1/counterparties";
    public const string LocationPrefix = "/v1/counterparties/";

    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var (caller, tenantId, input, keyHash, requestHash) = await IdempotentPost.ReadAsync<CounterpartyInput>(context, Route, cancellationToken);
        var workflow = await settings.GetSettingsAsync(tenantId, cancellationToken, fresh: true);
        for (var attempt = 0; ; attempt++)
        {
            var now = clock.GetUtcNow();
            var result = CounterpartyRules.Create(input, CounterpartyId.New(now).Value, caller.Actor, now, workflow.CounterpartyAccountChangeApprovals,
                () => CounterpartyAccountId.New(now).Value);
            if (result is CounterpartyRules.Invalid invalid)
            {
                var earlier = await idempotency.ExamineAsync(tenantId, keyHash, requestHash, cancellationToken);
                return earlier is IdempotencyOutcome.Expired ? Problem.Validation(invalid.Errors) : IdempotencyStore.ToResult(earlier, LocationPrefix);
            }
            var (view, changes) = (CounterpartyRules.Valid)result;
            var responseBody = JsonSerializer.Serialize(view, ApiJson.Options);
            var idem = idempotency.NewRow(tenantId, keyHash, requestHash, "completed", view.Id);
            idem.ResponseStatus = 201;
            idem.ResponseBody = responseBody;
            var actions = new List<TableTransactionAction>
            {
                new(TableTransactionActionType.Add, CounterpartyStore.Row(tenantId, view)),
                new(TableTransactionActionType.Add, idem),
                new(TableTransactionActionType.Add, audit.Row(tenantId, caller, "counterparty.created", view.Id, null, view, now)),
            };
            actions.AddRange(AccountChangeAudit.Rows(audit, tenantId, caller, null, view, changes, now).Select(r => new TableTransactionAction(TableTransactionActionType.Add, r)));
            try
            {
                await storage.Table(TableNames.TenantData).SubmitCheckedAsync(actions, cancellationToken);
            }
            catch (TableTransactionFailedException e) when (e.Status == 409 && attempt < 2)
            {
                var outcome = await idempotency.ExamineAsync(tenantId, keyHash, requestHash, cancellationToken);
                if (outcome is IdempotencyOutcome.Expired expired)
                {
                    if (expired.Row is not null)
                    {
                        await idempotency.DeleteExpiredAsync(expired.Row, cancellationToken);
                    }
                    continue;
                }
                return IdempotencyStore.ToResult(outcome, LocationPrefix);
            }
            context.Response.Headers.Location = LocationPrefix + view.Id;
            return new StoredJsonResult(201, responseBody);
        }
    }
}
