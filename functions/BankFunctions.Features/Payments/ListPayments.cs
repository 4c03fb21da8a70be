using BankFunctions.Features.Http;
using BankFunctions.Features.Runtime;
using BankFunctions.Storage;
using BankFunctions.Storage.Rows;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Payments;

/// <summary>GET /v1/payments?status&amp;batchId&amp;cursor&amp;limit (viewer): the tenant's payments in creation order.</summary>
public sealed class ListPayments(StorageClients storage) : IHttpHandler
{
    public sealed record Response(IReadOnlyList<PaymentView> Items, string? NextCursor);

    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var tenantId = context.Caller().RequireTenant();
        var filter = TableKeys.PrefixFilter(TableKeys.TenantPartition(tenantId), TableKeys.PaymentPrefix);
        var status = context.Request.Query["status"].ToString();
        if (status.Length > 0)
        {
            if (!PaymentStatuses.All.Contains(status))
            {
                return Problem.Validation("status", $"must be one of {string.Join(", ", PaymentStatuses.All)}.");
            }
            filter += $" and Status eq '{status}'";
        }
        var batchId = context.Request.Query["batchId"].ToString();
        if (batchId.Length > 0)
        {
            if (!batchId.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                return Problem.Validation("batchId", "is not a batch id.");
            }
            filter = BatchItems.Filter(tenantId, batchId) + (status.Length > 0 ? $" and Status eq '{status}'" : "");
        }
        var limit = Cursor.Limit(context);
        var (items, next) = await Page(storage, filter, Cursor.Decode(context), limit, cancellationToken);
        return Results.Json(new Response(items.Select(PaymentView.From).ToList(), Cursor.Encode(next)), ApiJson.Options);
    }

    public static Task<(List<PaymentRow> Items, string? Next)> Page(StorageClients storage, string filter, string? continuation, int limit, CancellationToken cancellationToken) =>
        TablePages.ReadAsync<PaymentRow>(storage, filter, continuation, limit, cancellationToken);
}
