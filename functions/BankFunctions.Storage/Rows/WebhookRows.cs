namespace BankFunctions.Storage.Rows;

/// <summary>A tenant's webhook endpoint (PK = tenant, RK = "whe|" + id): where events go and how they are signed.</summary>
public sealed class WebhookEndpointRow : RowBase
{
    public string EndpointId { get; set; } = "";
    public string Url { get; set; } = "";
    public string? Description { get; set; }
    /// <summary>Comma-separated event types; empty: every type.</summary>
    public string EventTypes { get; set; } = "";
    public bool Enabled { get; set; } = true;
    /// <summary>Why the system disabled it: "gone" (the receiver answered 410) or "failing" (no success for 3 days).</summary>
    public string? DisabledReason { get; set; }
    public DateTimeOffset? DisabledAt { get; set; }
    /// <summary>The current signing secret ("whsec_…"): shown once at creation or rotation, needed to sign each delivery.</summary>
    public string Secret { get; set; } = "";
    /// <summary>The secret before the last rotation, still signed with until <see cref="PreviousSecretExpiresAt"/>.</summary>
    public string? PreviousSecret { get; set; }
    public DateTimeOffset? PreviousSecretExpiresAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>
/// Where delivery to one endpoint stands (PK = tenant, RK = "whs|" + endpoint id), moved only under its ETag: the feed
/// sequence delivered (or given up) through, the lease of the pump delivering now, and the failure of the head event.
/// </summary>
public sealed class WebhookStateRow : RowBase
{
    public long Cursor { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }
    /// <summary>Failed attempts of the event after <see cref="Cursor"/> (the head); 0 when it has not failed.</summary>
    public int HeadAttempts { get; set; }
    /// <summary>When the head may be tried again (back-off); null: now.</summary>
    public DateTimeOffset? NextAttemptAt { get; set; }
    /// <summary>The first failure since the last success: 3 days of it disable the endpoint.</summary>
    public DateTimeOffset? FailingSince { get; set; }
    public DateTimeOffset? LastSuccessAt { get; set; }
}

/// <summary>
/// One event's delivery to one endpoint (PK = tenant, RK = "whd|" + endpoint id + "|" + inverted sequence): its outcome
/// and attempts (status code, latency, error; the last 20 as JSON), for GET …/deliveries.
/// </summary>
public sealed class WebhookDeliveryRow : RowBase
{
    public string EndpointId { get; set; } = "";
    public string EventId { get; set; } = "";
    public long Sequence { get; set; }
    public string EventType { get; set; } = "";
    /// <summary>delivered, retrying or failed.</summary>
    public string Outcome { get; set; } = "";
    public int AttemptCount { get; set; }
    public DateTimeOffset LastAttemptAt { get; set; }
    public DateTimeOffset? NextAttemptAt { get; set; }
    public string Attempts { get; set; } = "[]";
}
