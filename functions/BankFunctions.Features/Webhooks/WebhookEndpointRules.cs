using BankFunctions.Features.Events;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Webhooks;

/// <summary>
/// Checks endpoint input (pure): the URL passes the SSRF guard (<see cref="OutboundTargets.CheckUrl"/>), each event type
/// is one the system emits, the description is short text. Collects every field's message for one 400.
/// </summary>
public static class WebhookEndpointRules
{
    public const int MaxUrlLength = 2048;
    public const int MaxDescriptionLength = 200;

    /// <summary>Applies <paramref name="input"/> to <paramref name="row"/> (a new row on creation); throws a 400 when any field is wrong.</summary>
    public static void Apply(WebhookEndpointRow row, WebhookEndpointInput input, bool creating, bool allowLoopback, DateTimeOffset now)
    {
        var v = new Validation();
        if (creating || input.Url is not null)
        {
            var url = v.Text("url", input.Url, MaxUrlLength);
            if (url is not null && OutboundTargets.CheckUrl(url, allowLoopback) is { } why)
            {
                v.Add("url", why);
            }
            row.Url = url ?? row.Url;
        }
        if (input.Description is not null)
        {
            row.Description = input.Description.Length == 0 ? null : v.Text("description", input.Description, MaxDescriptionLength);
        }
        if (input.EventTypes is not null)
        {
            for (var i = 0; i < input.EventTypes.Count; i++)
            {
                if (!EventTypes.All.Contains(input.EventTypes[i], StringComparer.Ordinal))
                {
                    v.Add($"eventTypes[{i}]", $"unknown event type '{input.EventTypes[i]}'; see docs/API.md \"Events\" for the list.");
                }
            }
            row.EventTypes = string.Join(',', input.EventTypes.Distinct(StringComparer.Ordinal));
        }
        v.ThrowIfInvalid();
        if (input.Enabled is bool enabled && enabled != row.Enabled)
        {
            row.Enabled = enabled;
            // Enabled again by the tenant, the system's reason no longer holds; disabled by the tenant, the reason is theirs.
            row.DisabledReason = enabled ? null : "tenant";
            row.DisabledAt = enabled ? null : now;
        }
    }

    public static IReadOnlyList<string> SplitTypes(string types) => types.Split(',', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Whether an endpoint subscribed to <paramref name="types"/> (empty: all) wants an event of <paramref name="type"/>.</summary>
    public static bool Wants(string types, string type) =>
        types.Length == 0 || SplitTypes(types).Contains(type, StringComparer.Ordinal);
}
