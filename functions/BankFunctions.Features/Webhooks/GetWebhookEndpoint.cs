using BankFunctions.Features.Http;
using BankFunctions.Features.Runtime;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Webhooks;

/// <summary>GET /v1/webhook-endpoints/{id} (admin): one endpoint, without its secret; another tenant's id is a 404.</summary>
public sealed class GetWebhookEndpoint(WebhookEndpointStore store, TimeProvider clock) : IHttpHandler
{
    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var id = RouteValues.Id(context, "id", "Webhook endpoint");
        var row = await store.FindAsync(context.Caller().RequireTenant(), id, cancellationToken);
        return row is null ? Problem.NotFound($"Webhook endpoint '{id}'") : Results.Json(WebhookEndpointView.From(row, clock.GetUtcNow()), ApiJson.Options);
    }
}
