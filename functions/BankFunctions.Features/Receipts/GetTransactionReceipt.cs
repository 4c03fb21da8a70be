using BankFunctions.Features.Accounts;
using BankFunctions.Features.Http;
using BankFunctions.Features.ManualMatching;
using BankFunctions.Features.Runtime;
using BankFunctions.Features.Statements;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Receipts;

/// <summary>
/// GET /v1/accounts/{id}/transactions/{entryId}/receipt (viewer): the bank's e-receipt of one stored entry. 404 problem
/// <c>receipt-not-available</c> until fetched (or, after the bank kept refusing, saying why); another tenant's account or
/// an unknown entry is a plain 404.
/// </summary>
public sealed class GetTransactionReceipt(AccountCache accounts, EntrySettlementStore entries, ReceiptBlobs blobs) : IHttpHandler
{
    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var account = await TenantAccount.FromRouteAsync(context, accounts, cancellationToken);
        var entryId = EntrySettlementStore.EntryId(context);
        var entry = await entries.FindEntryAsync(account, entryId, cancellationToken);
        if (entry is null)
        {
            return Problem.NotFound($"Transaction '{entryId}'");
        }
        var what = $"Transaction '{entryId}'";
        if (StoredReceipt.Of(entry) is { } stored)
        {
            return await ReceiptResponse.SendAsync(context, stored, blobs, what, cancellationToken);
        }
        return ReceiptResponse.NotAvailable(what, entry.ReceiptFailure is { } failure
            ? $"The bank did not provide one: {failure}"
            : entry.Status != "booked"
                ? "Receipts are for booked entries; this one is pending."
                : "It is fetched from the bank in the background once the bank publishes it; ask again later.");
    }
}
