using BankFunctions.Features.Http;
using BankFunctions.Features.Runtime;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Webhooks;

/// <summary>GET /v1/webhook-endpoints (admin): the tenant's endpoints, oldest first, without secrets.</summary>
public sealed class ListWebhookEndpoints(WebhookEndpointStore store, TimeProvider clock) : IHttpHandler
{
    public sealed record Response(IReadOnlyList<WebhookEndpointView> Items);

    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var tenantId = context.Caller().RequireTenant();
        var now = clock.GetUtcNow();
        var rows = await store.ListAsync(tenantId, cancellationToken);
        return Results.Json(new Response(rows.Select(r => WebhookEndpointView.From(r, now)).ToList()), ApiJson.Options);
    }
}
