using BankFunctions.Features.Events;
using BankFunctions.Features.Http;
using BankFunctions.Features.Runtime;
using BankFunctions.Storage;
using BankFunctions.Storage.Queues;
using BankFunctions.Storage.Rows;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Webhooks;

/// <summary>
/// POST /v1/events/{id}/redeliver (admin): sends one event from the feed again, with its own webhook-id, to one endpoint
/// (<c>endpointId</c>) or to every enabled endpoint that wants its type. Queued, never on the request path: 202 with the
/// endpoints it goes to; each try shows in that endpoint's deliveries and is retried on the usual schedule.
/// </summary>
public sealed class RedeliverEvent(StorageClients storage, WebhookEndpointStore store, IQueueSender queue) : IHttpHandler
{
    public sealed record Request(string? EndpointId);

    public sealed record Response(string EventId, string Sequence, IReadOnlyList<string> EndpointIds);

    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var eventId = RouteValues.Id(context, "id", "Event");
        var tenantId = context.Caller().RequireTenant();
        var input = context.Request.ContentLength is 0 or null && context.Request.Headers.ContentType.Count == 0
            ? new Request(null)
            : await JsonBody.ReadAsync<Request>(context, cancellationToken);
        var e = await FindAsync(tenantId, eventId, cancellationToken);
        if (e is null)
        {
            return Problem.NotFound($"Event '{eventId}'");
        }
        var endpoints = await store.ListAsync(tenantId, cancellationToken);
        List<WebhookEndpointRow> targets;
        if (input.EndpointId is not null)
        {
            var named = endpoints.FirstOrDefault(x => x.EndpointId == input.EndpointId);
            if (named is null)
            {
                return Problem.Validation("endpointId", $"no webhook endpoint '{input.EndpointId}' in this tenant.");
            }
            if (!named.Enabled)
            {
                return Problem.InvalidState($"Webhook endpoint '{named.EndpointId}' is disabled; enable it first (PATCH enabled: true).");
            }
            targets = [named];
        }
        else
        {
            targets = endpoints.Where(x => x.Enabled && WebhookEndpointRules.Wants(x.EventTypes, e.Type)).ToList();
        }
        foreach (var target in targets)
        {
            await queue.SendAsync(QueueNames.WebhooksDeliver, new WebhookMessage(tenantId, target.EndpointId, e.Sequence).ToBody(), cancellationToken: cancellationToken);
        }
        return Results.Json(new Response(e.EventId, e.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), targets.Select(t => t.EndpointId).ToList()),
            ApiJson.Options, statusCode: 202);
    }

    /// <summary>
    /// The feed row of an event id: the feed is keyed by sequence, so this filters the tenant's feed rows by id
    /// (server-side, reading only the columns it needs). Redelivery is a rare, manual act; the feed holds 30 days.
    /// </summary>
    private async Task<EventFeedRow?> FindAsync(string tenantId, string eventId, CancellationToken cancellationToken)
    {
        var filter = $"PartitionKey eq '{TableKeys.Escape(TableKeys.TenantPartition(tenantId))}' and RowKey gt '{TableKeys.EventFeedPrefix}'"
            + $" and RowKey lt '{TableKeys.EventFeedPrefix[..^1]}}}' and EventId eq '{TableKeys.Escape(eventId)}'";
        await foreach (var row in storage.Table(TableNames.TenantData).QueryAsync<EventFeedRow>(filter, maxPerPage: 1000, select: ["EventId", "Sequence", "Type"],
            cancellationToken: cancellationToken))
        {
            return row;
        }
        return null;
    }
}
