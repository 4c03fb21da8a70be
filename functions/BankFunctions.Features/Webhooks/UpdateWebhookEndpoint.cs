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
/// 30 days); <c>enabled: true</c> on an endpoint that is backing off tries its held event now. ETag-guarded with its audit row; decided again when the row changed meanwhile.
/// </summary>
public sealed class UpdateWebhookEndpoint(WebhookEndpointStore store, WebhookOptions options, IQueueSender queue, TimeProvider clock, AuditRows audit) : IHttpHandler
{
    private sealed record Updated(WebhookEndpointView View, bool Pump);

    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var id = RouteValues.Id(context, "id", "Webhook endpoint");
        var caller = context.Caller();
        var tenantId = caller.RequireTenant();
        var input = await JsonBody.ReadAsync<WebhookEndpointInput>(context, cancellationToken);
        var updated = await store.ChangeAsync(tenantId, id, (row, state) =>
        {
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
            // "enabled: true" on an endpoint that is backing off (its receiver fixed): the held event is tried now,
            // not at its next step (5 min, 30 min, …); its failures so far still count towards the schedule.
            var retryNow = wasEnabled && input.Enabled == true && state.NextAttemptAt is not null;
            if (restarted)
            {
                state.HeadAttempts = 0;
                state.NextAttemptAt = null;
                state.FailingSince = null;
                actions.Add(new(TableTransactionActionType.UpdateReplace, state, state.ETag));
            }
            else if (retryNow)
            {
                state.NextAttemptAt = null;
                actions.Add(new(TableTransactionActionType.UpdateReplace, state, state.ETag));
            }
            return new WebhookEndpointChange<Updated>(actions, new Updated(after, restarted || retryNow));
        }, cancellationToken);
        if (updated is null)
        {
            return Problem.NotFound($"Webhook endpoint '{id}'");
        }
        if (updated.Pump)
        {
            await WebhookMessage.SendPumpAsync(queue, tenantId, id, cancellationToken);
        }
        return Results.Json(updated.View, ApiJson.Options);
    }
}
