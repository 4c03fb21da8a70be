using System.Text.Json;
using BankFunctions.Features.Http;
using BankFunctions.Storage;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Webhooks;

/// <summary>How one delivery went, per attempt (the deliveries list shows the last <see cref="KeptAttempts"/>).</summary>
public sealed record AttemptView(DateTimeOffset At, int? StatusCode, long LatencyMs, string? Error, bool Redelivery);

/// <summary>One event's delivery to an endpoint as GET /v1/webhook-endpoints/{id}/deliveries shows it.</summary>
public sealed record DeliveryView(string EventId, long Sequence, string EventType, string Status, int AttemptCount, DateTimeOffset LastAttemptAt,
    DateTimeOffset? NextAttemptAt, IReadOnlyList<AttemptView> Attempts);

/// <summary>What a delivery record says of the event: delivered, retrying (with its next attempt) or failed (retries spent).</summary>
public enum DeliveryOutcome
{
    Delivered,
    Retrying,
    Failed,
}

/// <summary>Builds and reads the delivery records (<see cref="WebhookDeliveryRow"/>): one per (endpoint, event), attempts appended.</summary>
public static class WebhookDeliveries
{
    public const int KeptAttempts = 20;

    public static WebhookDeliveryRow Record(string tenantId, string endpointId, EventFeedRow e, WebhookDeliveryRow? earlier, DeliveryAttempt attempt,
        DeliveryOutcome outcome, DateTimeOffset at, DateTimeOffset? nextAttemptAt, bool redelivery = false)
    {
        var attempts = earlier is null ? [] : Attempts(earlier).ToList();
        attempts.Add(new AttemptView(at, attempt.StatusCode, (long)attempt.Latency.TotalMilliseconds, attempt.Error, redelivery));
        return new WebhookDeliveryRow
        {
            PartitionKey = TableKeys.TenantPartition(tenantId),
            RowKey = TableKeys.WebhookDeliveryRow(endpointId, e.Sequence),
            EndpointId = endpointId,
            EventId = e.EventId,
            Sequence = e.Sequence,
            EventType = e.Type,
            Outcome = Name(outcome),
            AttemptCount = (earlier?.AttemptCount ?? 0) + 1,
            LastAttemptAt = at,
            NextAttemptAt = nextAttemptAt,
            Attempts = JsonSerializer.Serialize(attempts.TakeLast(KeptAttempts), ApiJson.Options),
        };
    }

    public static DeliveryView View(WebhookDeliveryRow row) =>
        new(row.EventId, row.Sequence, row.EventType, row.Outcome, row.AttemptCount, row.LastAttemptAt, row.NextAttemptAt, Attempts(row));

    public static string Name(DeliveryOutcome outcome) => JsonNamingPolicy.SnakeCaseLower.ConvertName(outcome.ToString());

    private static IReadOnlyList<AttemptView> Attempts(WebhookDeliveryRow row) =>
        JsonSerializer.Deserialize<List<AttemptView>>(row.Attempts, ApiJson.Options) ?? [];
}
