using BankFunctions.Features.Http;
using BankFunctions.Features.Runtime;
using BankFunctions.Storage;
using BankFunctions.Storage.Rows;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Payments;

/// <summary>
/// GET /v1/payment-batches?debtorAccountId&amp;cursor&amp;limit (viewer): the tenant's batches newest first (headers
/// without items; GET /v1/payment-batches/{id} has the counts, the items and the status derived from them).
/// </summary>
public sealed class ListBatches(StorageClients storage, PaymentStore payments) : IHttpHandler
{
    public sealed record Response(IReadOnlyList<BatchView> Items, string? NextCursor);

    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var tenantId = context.Caller().RequireTenant();
        var filter = TableKeys.PrefixFilter(TableKeys.TenantPartition(tenantId), TableKeys.BatchListPrefix);
        var account = context.Request.Query["debtorAccountId"].ToString();
        if (account.Length > 0)
        {
            if (account.Length > 64 || !account.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                return Problem.Validation("debtorAccountId", "is not an account id.");
            }
            filter += $" and DebtorAccountId eq '{account}'";
        }
        var scope = $"batches\u001f{tenantId}\u001f{account}";
        var (entries, next) = await TablePages.ReadAsync<ListEntryRow>(storage, filter, CheckedCursor.Decode(context, scope),
            Cursor.Limit(context), cancellationToken);
        var headers = await Task.WhenAll(entries.Select(e => payments.FindBatchAsync(tenantId, e.SubjectId, cancellationToken)));
        var caller = context.Caller();
        return Results.Json(new Response(headers.OfType<BatchRow>().Where(b => caller.MaySee(b.DebtorAccountId)).Select(BatchView.From).ToList(),
            next is null ? null : CheckedCursor.Encode(scope, next)), ApiJson.Options);
    }
}
