using BankFunctions.Features.Accounts;
using BankFunctions.Features.Http;
using BankFunctions.Features.Runtime;
using BankFunctions.Storage;
using BankFunctions.Storage.Guard;
using BankFunctions.Storage.Queues;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Statements;

/// <summary>
/// POST /v1/accounts/{id}/refresh (admin): pull balances and statements now (202); the same work the schedule queues.
/// Audited before the pull is queued (issue #20 §2), so no requested pull goes unrecorded.
/// </summary>
public sealed class RefreshAccount(AccountCache accounts, IQueueSender queue, StorageClients storage, TimeProvider clock, AuditRows audit) : IHttpHandler
{
    public sealed record Response(string AccountId, string Status);

    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var (tenantId, account) = await TenantAccount.FromRouteAsync(context, accounts, cancellationToken);
        await storage.Table(TableNames.TenantData).AddCheckedAsync(
            audit.Row(tenantId, context.Caller(), "account.refresh-requested", account.AccountId, null, null, clock.GetUtcNow()), cancellationToken);
        await queue.SendAsync(QueueNames.StatementsPull, new PullMessage(tenantId, account.AccountId, "refresh").ToJson(), cancellationToken: cancellationToken);
        return Results.Json(new Response(account.AccountId, "queued"), ApiJson.Options, statusCode: 202);
    }
}
