using Azure.Data.Tables;
using BankFunctions.Features.Http;
using BankFunctions.Features.Runtime;
using BankFunctions.Storage;
using BankFunctions.Storage.Guard;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Webhooks;

/// <summary>
/// DELETE /v1/webhook-endpoints/{id} (admin): no more deliveries to it. The endpoint and its delivery state go in one
/// ETag-guarded transaction with the audit row; its delivery records stay until the events' retention removes them.
/// </summary>
public sealed class DeleteWebhookEndpoint(StorageClients storage, WebhookEndpointStore store, TimeProvider clock, AuditRows audit) : IHttpHandler
{
    private const int Attempts = 5;

    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var id = RouteValues.Id(context, "id", "Webhook endpoint");
        var caller = context.Caller();
        var tenantId = caller.RequireTenant();
        for (var attempt = 1; ; attempt++)
        {
            var row = await store.FindAsync(tenantId, id, cancellationToken);
            var state = await store.StateAsync(tenantId, id, cancellationToken);
            if (row is null || state is null)
            {
                return Problem.NotFound($"Webhook endpoint '{id}'");
            }
            var now = clock.GetUtcNow();
            try
            {
                await storage.Table(TableNames.TenantData).SubmitCheckedAsync(
                [
                    new(TableTransactionActionType.Delete, row, row.ETag),
                    new(TableTransactionActionType.Delete, state, state.ETag),
                    new(TableTransactionActionType.Add, audit.Row(tenantId, caller, "webhook_endpoint.deleted", id, WebhookEndpointView.From(row, now), null, now)),
                ], cancellationToken);
                return Results.NoContent();
            }
            catch (TableTransactionFailedException e) when (e.Status is 412 or 404 && attempt < Attempts)
            {
                // A delivery moved its state meanwhile: read again.
            }
        }
    }
}
