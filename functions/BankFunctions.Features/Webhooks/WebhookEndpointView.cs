using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Webhooks;

/// <summary>
/// A webhook endpoint as the API shows it. <see cref="Secret"/> only in the answer that made it (creation, rotation):
/// it is shown once. <see cref="EventTypes"/> empty means every type. <see cref="PreviousSecretExpiresAt"/>: until
/// then deliveries are also signed with the secret before the last rotation.
/// </summary>
public sealed record WebhookEndpointView(
    string Id,
    string Url,
    string? Description,
    IReadOnlyList<string> EventTypes,
    bool Enabled,
    string? DisabledReason,
    DateTimeOffset? DisabledAt,
    DateTimeOffset? PreviousSecretExpiresAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string? Secret = null)
{
    public static WebhookEndpointView From(WebhookEndpointRow row, DateTimeOffset now, bool withSecret = false) => new(
        row.EndpointId,
        row.Url,
        row.Description,
        WebhookEndpointRules.SplitTypes(row.EventTypes),
        row.Enabled,
        row.DisabledReason,
        row.DisabledAt,
        row.PreviousSecret is not null && row.PreviousSecretExpiresAt > now ? row.PreviousSecretExpiresAt : null,
        row.CreatedAt,
        row.UpdatedAt,
        withSecret ? row.Secret : null);
}

/// <summary>POST and PATCH /v1/webhook-endpoints: every field optional in a PATCH; <c>url</c> required on creation.</summary>
public sealed record WebhookEndpointInput(string? Url, string? Description, IReadOnlyList<string>? EventTypes, bool? Enabled);
