using BankFunctions.Features.Accounts;
using BankFunctions.Features.Http;
using BankFunctions.Features.ManualMatching;
using BankFunctions.Features.Runtime;
using BankFunctions.Features.Statements;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Receipts;

/// <summary>
/// POST /v1/accounts/{id}/transactions/{entryId}/receipt/refresh (admin): fetch a booked entry's e-receipt again after
/// <see cref="FetchReceipt"/> gave up (the bank kept answering "not yet", or refused), through <see cref="ReceiptRefresh"/>
/// (202). An entry whose receipt is stored, that is pending, has no bank reference, or whose bank offers none is 409;
/// another tenant's account or an unknown entry 404.
/// </summary>
public sealed class RefreshTransactionReceipt(AccountCache accounts, EntrySettlementStore entries, ReceiptRequests receipts, ReceiptRefresh refresh) : IHttpHandler
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
            if (await refresh.RequestAsync(work, entry, context.Caller(), target.Account.AccountId + "/" + entry.EntryKey, cancellationToken))
            {
                return Results.Json(new Response(target.Account.AccountId, entry.EntryKey, true), ApiJson.Options, statusCode: 202);
            }
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
