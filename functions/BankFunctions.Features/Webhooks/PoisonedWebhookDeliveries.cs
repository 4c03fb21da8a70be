using BankFunctions.Features.Runtime;
using Microsoft.Extensions.Logging;

namespace BankFunctions.Features.Webhooks;

/// <summary>
/// Queue webhooks-deliver-poison: a wake-up that failed five times (storage down). No event is lost: the events stay in
/// the feed, the endpoint's cursor where it was, and <see cref="WebhooksSweep"/> wakes the pump again. A redelivery
/// that went here is not retried (POST /v1/events/{id}/redeliver again). Logged so the operator sees it.
/// </summary>
public sealed partial class PoisonedWebhookDeliveries(ILogger<PoisonedWebhookDeliveries> logger) : IQueueHandler
{
    public Task HandleAsync(QueueMessageContext message, CancellationToken cancellationToken)
    {
        var m = WebhookMessage.Parse(message.Body);
        LogPoisoned(logger, m.EndpointId, m.TenantId, m.Sequence, message.DequeueCount);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Error,
        Message = "Webhook delivery to endpoint {EndpointId} of tenant {TenantId} (redelivery of sequence {Sequence}) failed {Attempts} times; the webhooks sweep wakes the pump again")]
    private static partial void LogPoisoned(ILogger logger, string endpointId, string tenantId, long? sequence, long attempts);
}
