using System.Globalization;
using System.Text.Json.Nodes;

namespace BankFunctions.Banks.Adapters.Cmb;

/// <summary>Tolerant readers for CMB response bodies: field names matched exactly, then ignoring case (the bank mixes yurRef/yurref).</summary>
internal static class CmbJson
{
    public static JsonNode? Field(JsonNode? node, string name)
    {
        if (node is not JsonObject obj)
        {
            return null;
        }
        if (obj.TryGetPropertyValue(name, out var exact))
        {
            return exact;
        }
        return obj.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
    }

    public static string? Str(JsonNode? node, string name) => Field(node, name) switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v => v.ToJsonString(),
        _ => null,
    };

    public static IEnumerable<JsonNode> Rows(JsonNode? body, string name) =>
        Field(body, name) is JsonArray array ? array.Where(n => n is not null).Select(n => n!) : [];

    public static decimal? Amount(JsonNode? node, string name) =>
        Str(node, name) is { Length: > 0 } s && decimal.TryParse(s, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d : null;
}
