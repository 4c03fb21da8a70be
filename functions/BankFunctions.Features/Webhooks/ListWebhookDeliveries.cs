using System.Globalization;
using BankFunctions.Features.Http;
using BankFunctions.Features.Runtime;
using BankFunctions.Storage;
using BankFunctions.Storage.Rows;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Webhooks;

/// <summary>
/// GET /v1/webhook-endpoints/{id}/deliveries?cursor&amp;limit (admin): the endpoint's deliveries, newest event first:
/// outcome (delivered, retrying, failed), each attempt's status code, latency and error, and the next retry; and where
/// delivery stands: the sequence delivered through, the back-off, the failing streak. Follow nextCursor until absent.
/// </summary>
public sealed class ListWebhookDeliveries(StorageClients storage, WebhookEndpointStore store) : IHttpHandler
{
    public static readonly IReadOnlyList<string> Parameters = ["cursor", "limit"];

    public sealed record Progress(string DeliveredThrough, DateTimeOffset? NextAttemptAt, DateTimeOffset? FailingSince, DateTimeOffset? LastSuccessAt);

    public sealed record Response(IReadOnlyList<DeliveryView> Items, Progress Progress, string? NextCursor);

    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var id = RouteValues.Id(context, "id", "Webhook endpoint");
        var tenantId = context.Caller().RequireTenant();
        var state = await store.StateAsync(tenantId, id, cancellationToken);
        if (state is null)
        {
            return Problem.NotFound($"Webhook endpoint '{id}'");
        }
        var scope = $"webhook-deliveries\u001f{tenantId}\u001f{id}";
        var filter = TableKeys.PrefixFilter(TableKeys.TenantPartition(tenantId), TableKeys.WebhookDeliveryPrefix(id));
        var (rows, next) = await TablePages.ReadAsync<WebhookDeliveryRow>(storage, filter, CheckedCursor.Decode(context, scope), Cursor.Limit(context), cancellationToken);
        var progress = new Progress(state.Cursor.ToString(CultureInfo.InvariantCulture), state.NextAttemptAt, state.FailingSince, state.LastSuccessAt);
        return Results.Json(new Response(rows.Select(WebhookDeliveries.View).ToList(), progress, next is null ? null : CheckedCursor.Encode(scope, next)),
            ApiJson.Options);
    }
}
