using System.Text.Json;
using BankFunctions.Domain.Ids;
using BankFunctions.Features.Events;
using BankFunctions.Features.Http;
using BankFunctions.Features.Runtime;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Webhooks;

/// <summary>
/// POST /v1/webhook-endpoints/{id}/test (admin): sends a <c>webhook_endpoint.test</c> event (data: the endpoint) to it
/// now, signed like every delivery, and answers what the receiver did. The test event is not in the feed and is not
/// retried; a disabled endpoint may be tested (to check it before enabling it again).
/// </summary>
public sealed class TestWebhookEndpoint(WebhookEndpointStore store, WebhookSender sender, TimeProvider clock) : IHttpHandler
{
    public sealed record Response(string EventId, bool Delivered, int? StatusCode, long LatencyMs, string? Error);

    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var id = RouteValues.Id(context, "id", "Webhook endpoint");
        var tenantId = context.Caller().RequireTenant();
        var row = await store.FindAsync(tenantId, id, cancellationToken);
        if (row is null)
        {
            return Problem.NotFound($"Webhook endpoint '{id}'");
        }
        var now = clock.GetUtcNow();
        var test = new EventView(TimeOrderedId.New("evt_", now), 0, EventTypes.Test, now, tenantId,
            JsonSerializer.SerializeToElement(WebhookEndpointView.From(row, now), ApiJson.Options));
        var attempt = await sender.SendAsync(row, test, cancellationToken);
        return Results.Json(new Response(test.Id, attempt.Succeeded, attempt.StatusCode, (long)attempt.Latency.TotalMilliseconds, attempt.Error), ApiJson.Options);
    }
}
