using Azure.Data.Tables;
using BankFunctions.Features.Http;
using BankFunctions.Features.Runtime;
using BankFunctions.Storage.Guard;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Webhooks;

/// <summary>
/// DELETE /v1/webhook-endpoints/{id} (admin): no more deliveries to it. The endpoint and its delivery state go in one
/// ETag-guarded transaction with the audit row; its delivery records stay until the events' retention removes them.
/// </summary>
public sealed class DeleteWebhookEndpoint(WebhookEndpointStore store, TimeProvider clock, AuditRows audit) : IHttpHandler
{
    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var id = RouteValues.Id(context, "id", "Webhook endpoint");
        var caller = context.Caller();
        var tenantId = caller.RequireTenant();
        var deleted = await store.ChangeAsync(tenantId, id, (row, state) =>
        {
            var now = clock.GetUtcNow();
            return new WebhookEndpointChange<IResult>(
            [
                new(TableTransactionActionType.Delete, row, row.ETag),
                new(TableTransactionActionType.Delete, state, state.ETag),
                new(TableTransactionActionType.Add, audit.Row(tenantId, caller, "webhook_endpoint.deleted", id, WebhookEndpointView.From(row, now), null, now)),
            ], Results.NoContent());
        }, cancellationToken);
        return deleted ?? Problem.NotFound($"Webhook endpoint '{id}'");
    }
}
