using System.Text.Json;
using BankFunctions.Features.Http;
using BankFunctions.Storage;
using BankFunctions.Storage.Queues;

namespace BankFunctions.Features.Webhooks;

/// <summary>
/// A message of queue webhooks-deliver: wake the pump of one endpoint (<see cref="Sequence"/> null), or redeliver one
/// event to it (<see cref="Sequence"/> = the event's, <see cref="Attempt"/> = the attempts it has had).
/// </summary>
public sealed record WebhookMessage(string TenantId, string EndpointId, long? Sequence = null, int Attempt = 0)
{
    public string ToBody() => JsonSerializer.Serialize(this, ApiJson.Options);

    public static WebhookMessage Parse(string body) =>
        JsonSerializer.Deserialize<WebhookMessage>(body, ApiJson.Options) ?? throw new InvalidOperationException("Empty webhooks-deliver message.");

    public static Task SendPumpAsync(IQueueSender queue, string tenantId, string endpointId, CancellationToken cancellationToken, TimeSpan? delay = null) =>
        queue.SendAsync(QueueNames.WebhooksDeliver, new WebhookMessage(tenantId, endpointId).ToBody(), delay, cancellationToken);
}
