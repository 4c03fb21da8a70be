using Azure;
using Azure.Data.Tables;
using BankFunctions.Features.Accounts;
using BankFunctions.Features.Http;
using BankFunctions.Features.ManualMatching;
using BankFunctions.Features.Runtime;
using BankFunctions.Features.Statements;
using BankFunctions.Storage;
using BankFunctions.Storage.Guard;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Receipts;

/// <summary>
/// POST /v1/accounts/{id}/transactions/{entryId}/receipt/refresh (admin): fetch a booked entry's e-receipt again after
/// <see cref="FetchReceipt"/> gave up (the bank kept answering "not yet", or refused). The receipt work's outbox row
/// and the audit row commit first (one transaction of the tenant partition), then the entry's recorded failure is
/// cleared under its ETag, then the work is queued (202) — a crash in between leaves the outbox row to the sweep. An
/// entry whose receipt is stored, that is pending, has no bank reference, or whose bank offers none is 409; another
/// tenant's account or an unknown entry 404.
/// </summary>
public sealed class RefreshTransactionReceipt(
    AccountCache accounts, EntrySettlementStore entries, ReceiptRequests receipts, StorageClients storage, AuditRows audit, TimeProvider clock) : IHttpHandler
{
    public sealed record Response(string AccountId, string EntryId, bool Queued);

    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var target = await TenantAccount.FromRouteAsync(context, accounts, cancellationToken);
        var entryId = EntrySettlementStore.EntryId(context);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var entry = await entries.FindEntryAsync(target, entryId, cancellationToken);
            if (entry is null)
            {
                return Problem.NotFound($"Transaction '{entryId}'");
            }
            if (Refusal(entry, receipts.Offered(target.Account.Bank)) is { } refusal)
            {
                return Problem.InvalidState(refusal);
            }
            var work = ReceiptRequests.For(target.TenantId, target.Account.AccountId, [entry])[0];
            var now = clock.GetUtcNow();
            await storage.Table(TableNames.TenantData).SubmitCheckedAsync([
                ReceiptRequests.OutboxAction(work, now),
                new(TableTransactionActionType.Add, audit.Row(target.TenantId, context.Caller(), "receipt.refresh-requested",
                    target.Account.AccountId + "/" + entry.EntryKey, null, null, now))], cancellationToken);
            if (entry.ReceiptFailure is not null)
            {
                entry.ReceiptFailure = null;
                try
                {
                    await storage.Table(TableNames.Statements).UpdateCheckedAsync(entry, entry.ETag, TableUpdateMode.Replace, cancellationToken);
                }
                catch (RequestFailedException e) when (e.Status == 412)
                {
                    continue; // Changed meanwhile (a pull, a link): decide again on what is there now.
                }
            }
            await receipts.SendAsync([work], cancellationToken);
            return Results.Json(new Response(target.Account.AccountId, entry.EntryKey, true), ApiJson.Options, statusCode: 202);
        }
        return Problem.Conflict($"Transaction '{entryId}' kept changing; nothing was queued twice. Retry.");
    }

    /// <summary>Why the entry's receipt cannot be fetched again, or null.</summary>
    public static string? Refusal(Storage.Rows.StatementEntryRow entry, bool offered) => entry switch
    {
        _ when StoredReceipt.Of(entry) is not null => $"Transaction '{entry.EntryKey}' has its receipt already.",
        { Status: not "booked" } => $"Transaction '{entry.EntryKey}' is {entry.Status}; receipts are for booked entries.",
        _ when string.IsNullOrWhiteSpace(entry.BankReference) => $"Transaction '{entry.EntryKey}' has no bank reference to ask the bank for.",
        _ when !offered => "The account's bank offers no e-receipts.",
        _ => null,
    };
}
