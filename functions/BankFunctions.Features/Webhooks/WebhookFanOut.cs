using BankFunctions.Features.Events;
using BankFunctions.Storage.Queues;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Webhooks;

/// <summary>
/// The sequencer's subscriber: after each commit of numbered events it wakes the pump of every enabled endpoint that
/// wants any of them. The events themselves stay in the feed; the pump reads them from its cursor, so a wake-up lost
/// with the process only delays delivery until <see cref="WebhooksSweep"/>.
/// </summary>
public sealed class WebhookFanOut(WebhookEndpointStore store, IQueueSender queue) : IEventSubscriber
{
    public async Task SequencedAsync(string tenantId, IReadOnlyList<EventFeedRow> events, CancellationToken cancellationToken)
    {
        foreach (var endpoint in await store.ListAsync(tenantId, cancellationToken))
        {
            if (endpoint.Enabled && events.Any(e => WebhookEndpointRules.Wants(endpoint.EventTypes, e.Type)))
            {
                await WebhookMessage.SendPumpAsync(queue, tenantId, endpoint.EndpointId, cancellationToken);
            }
        }
    }
}
