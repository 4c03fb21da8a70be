using Azure.Data.Tables;
using BankFunctions.Features.Http;
using BankFunctions.Features.Runtime;
using BankFunctions.Storage;
using BankFunctions.Storage.Guard;
using BankFunctions.Storage.Queues;
using BankFunctions.Storage.Rows;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Webhooks;

/// <summary>
/// PATCH /v1/webhook-endpoints/{id} (admin): URL, description, event types, enabled. Enabling an endpoint the system
/// disabled clears its failing streak and back-off, and its pump starts at once with what it missed (from the feed, kept
/// 30 days). ETag-guarded with its audit row; decided again when the row changed meanwhile.
/// </summary>
public sealed class UpdateWebhookEndpoint(StorageClients storage, WebhookEndpointStore store, WebhookOptions options, IQueueSender queue, TimeProvider clock,
    AuditRows audit) : IHttpHandler
{
    private const int Attempts = 5;

    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var id = RouteValues.Id(context, "id", "Webhook endpoint");
        var caller = context.Caller();
        var tenantId = caller.RequireTenant();
        var input = await JsonBody.ReadAsync<WebhookEndpointInput>(context, cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            var row = await store.FindAsync(tenantId, id, cancellationToken);
            var state = await store.StateAsync(tenantId, id, cancellationToken);
            if (row is null || state is null)
            {
                return Problem.NotFound($"Webhook endpoint '{id}'");
            }
            var now = clock.GetUtcNow();
            var before = WebhookEndpointView.From(row, now);
            var wasEnabled = row.Enabled;
            WebhookEndpointRules.Apply(row, input, creating: false, options.AllowLoopback, now);
            row.UpdatedAt = now;
            var after = WebhookEndpointView.From(row, now);
            var actions = new List<TableTransactionAction>
            {
                new(TableTransactionActionType.UpdateReplace, row, row.ETag),
                new(TableTransactionActionType.Add, audit.Row(tenantId, caller, "webhook_endpoint.updated", id, before, after, now)),
            };
            var restarted = row.Enabled && !wasEnabled;
            if (restarted)
            {
                state.HeadAttempts = 0;
                state.NextAttemptAt = null;
                state.FailingSince = null;
                actions.Add(new(TableTransactionActionType.UpdateReplace, state, state.ETag));
            }
            try
            {
                await storage.Table(TableNames.TenantData).SubmitCheckedAsync(actions, cancellationToken);
            }
            catch (TableTransactionFailedException e) when (e.Status is 412 or 404 && attempt < Attempts)
            {
                continue; // Changed meanwhile (a delivery disabled it, another edit): decide again on what it is now.
            }
            if (restarted)
            {
                await WebhookMessage.SendPumpAsync(queue, tenantId, id, cancellationToken);
            }
            return Results.Json(after, ApiJson.Options);
        }
    }
}
