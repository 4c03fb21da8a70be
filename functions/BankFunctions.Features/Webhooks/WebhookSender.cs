using System.Text.Json;
using BankFunctions.Features.Events;
using BankFunctions.Features.Http;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Webhooks;

/// <summary>
/// Sends one event to one endpoint: the body is the event as the feed shows it (<see cref="EventView"/>), the
/// webhook-id its id (the same on every retry and redelivery, so a receiver drops duplicates by it), signed with every
/// secret valid now. One <see cref="WebhookHttp"/> for the process (it opens a checked connection per attempt).
/// </summary>
public sealed class WebhookSender(WebhookOptions options, TimeProvider clock) : IDisposable
{
    private readonly WebhookHttp _http = new(options.AllowLoopback, options.Timeout);

    public Task<DeliveryAttempt> SendAsync(WebhookEndpointRow endpoint, EventView e, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var body = JsonSerializer.Serialize(e, ApiJson.Options);
        return _http.SendAsync(new Uri(endpoint.Url), WebhookEndpointStore.Secrets(endpoint, now), e.Id, now, body, cancellationToken);
    }

    public Task<DeliveryAttempt> SendAsync(WebhookEndpointRow endpoint, EventFeedRow row, CancellationToken cancellationToken) =>
        SendAsync(endpoint, EventRows.View(row), cancellationToken);

    public void Dispose() => _http.Dispose();
}
