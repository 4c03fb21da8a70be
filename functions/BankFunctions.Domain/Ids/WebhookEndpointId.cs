namespace BankFunctions.Domain.Ids;

/// <summary>A webhook endpoint of a tenant: "we_" + a <see cref="TimeOrderedId"/>. Stored and shown as its string.</summary>
public readonly record struct WebhookEndpointId
{
    public const string Prefix = "we_";

    private WebhookEndpointId(string value) => Value = value;

    public string Value { get; }

    public static WebhookEndpointId New(DateTimeOffset now) => new(TimeOrderedId.New(Prefix, now));

    /// <summary>Null unless <paramref name="value"/> has this id's prefix and shape.</summary>
    public static WebhookEndpointId? TryParse(string? value) => TimeOrderedId.HasShape(value, Prefix) ? new WebhookEndpointId(value!) : null;

    public override string ToString() => Value;
}
