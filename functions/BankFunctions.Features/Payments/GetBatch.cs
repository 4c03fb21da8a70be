using BankFunctions.Domain.Payments;
using BankFunctions.Features.Http;
using BankFunctions.Features.Runtime;
using BankFunctions.Storage;
using BankFunctions.Storage.Rows;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Payments;

/// <summary>GET /v1/payment-batches/{id}?cursor&amp;limit (viewer): header, counts per status, one page of items.</summary>
public sealed class GetBatch(StorageClients storage, PaymentStore payments) : IHttpHandler
{
    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var tenantId = context.Caller().RequireTenant();
        var id = RouteValues.Id(context, "id", "Batch");
        var header = await payments.FindBatchForAsync(context.Caller(), id, cancellationToken);
        if (header is null)
        {
            return Problem.NotFound($"Batch '{id}'");
        }
        var filter = BatchItems.Filter(tenantId, id);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        await foreach (var item in storage.Table(TableNames.TenantData).QueryAsync<PaymentRow>(filter, select: ["Status"], cancellationToken: cancellationToken))
        {
            counts[item.Status] = counts.GetValueOrDefault(item.Status) + 1;
        }
        var scope = $"batch-items\u001f{tenantId}\u001f{id}";
        var (items, next) = await TablePages.ReadAsync<PaymentRow>(storage, filter, CheckedCursor.Decode(context, scope), Cursor.Limit(context, fallback: 100, max: Cursor.LargeMaxLimit), cancellationToken);
        return Results.Json(BatchView.From(header) with
        {
            Status = BatchStateMachine.Derive(BatchStatusNames.Parse(header.Status), header.Complete,
                counts.ToDictionary(c => PaymentStatusNames.Parse(c.Key), c => c.Value)).ToWire(),
            Counts = counts,
            Items = items.Select(item => PaymentView.From(item, header)).ToList(),
            NextCursor = next is null ? null : CheckedCursor.Encode(scope, next),
        }, ApiJson.Options);
    }
}
