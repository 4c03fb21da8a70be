using Azure.Data.Tables;
using BankFunctions.Features.Http;
using BankFunctions.Features.Payments;
using BankFunctions.Features.Runtime;
using BankFunctions.Storage;
using BankFunctions.Storage.Guard;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Counterparties;

/// <summary>POST /v1/counterparties/{id}/accounts/{accountId}/approve (approver): <see cref="AccountApproval.Approve"/>.</summary>
public sealed class ApproveCounterpartyAccount(DecideCounterpartyAccount decide) : IHttpHandler
{
    public Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken) => decide.RunAsync(context, AccountApproval.Approve, cancellationToken);
}

/// <summary>POST /v1/counterparties/{id}/accounts/{accountId}/reject (approver): <see cref="AccountApproval.Reject"/>.</summary>
public sealed class RejectCounterpartyAccount(DecideCounterpartyAccount decide) : IHttpHandler
{
    public Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken) => decide.RunAsync(context, AccountApproval.Reject, cancellationToken);
}

/// <summary>
/// Reads the counterparty, decides on one of its accounts, writes the counterparty with the audit row in one
/// ETag-guarded transaction; decided again when it changed meanwhile. Answers with the whole counterparty.
/// </summary>
public sealed class DecideCounterpartyAccount(StorageClients storage, CounterpartyStore store, TimeProvider clock, AuditRows audit)
{
    private const int Attempts = 5;

    public async Task<IResult> RunAsync(HttpContext context, Func<CounterpartyAccount, string, string?, DateTimeOffset, AccountApproval.Decision> decide, CancellationToken cancellationToken)
    {
        var id = RouteValues.Id(context, "id", "Counterparty");
        var accountId = RouteValues.Id(context, "accountId", "Counterparty account");
        var caller = context.Caller();
        var tenantId = caller.RequireTenant();
        var reason = await ReasonInput.ReadAsync(context, cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            var row = await store.FindAsync(tenantId, id, cancellationToken);
            if (row is null)
            {
                return Problem.NotFound($"Counterparty '{id}'");
            }
            var before = CounterpartyStore.View(row);
            var account = before.Accounts.FirstOrDefault(a => a.Id == accountId);
            if (account is null)
            {
                return Problem.NotFound($"Account '{accountId}' of counterparty '{id}'");
            }
            var now = clock.GetUtcNow();
            var decision = decide(account, caller.Actor, reason, now);
            if (decision is AccountApproval.Refused refused)
            {
                return refused.Refusal.ToProblem();
            }
            var (decided, action) = (AccountApproval.Accepted)decision;
            var after = before with { Accounts = before.Accounts.Select(a => a.Id == accountId ? decided : a).ToList(), UpdatedAt = now };
            try
            {
                await storage.Table(TableNames.TenantData).SubmitCheckedAsync(
                [
                    new(TableTransactionActionType.UpdateReplace, CounterpartyStore.Row(tenantId, after, row.ETag), row.ETag),
                    new(TableTransactionActionType.Add, audit.Row(tenantId, caller, action, id + "/" + accountId, account, decided, now)),
                ], cancellationToken);
                return Results.Json(after, ApiJson.Options);
            }
            catch (TableTransactionFailedException e) when (e.Status is 412 or 404 && attempt < Attempts)
            {
                // Changed meanwhile (another approval, a change of the account): decide again on what it is now.
            }
        }
    }
}
