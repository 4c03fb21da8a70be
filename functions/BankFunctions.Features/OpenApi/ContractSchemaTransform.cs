using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization.Metadata;

namespace BankFunctions.Features.OpenApi;

/// <summary>
/// Turns the schema System.Text.Json derives from a record into the contract: a property is required when the API
/// always writes it (non-nullable: null values are omitted) or when <see cref="ContractFields"/> says a request needs
/// it; the validators' rules (enum, pattern, maxLength) and examples are added. Remembers which rules it used so the
/// builder can refuse a rule for a property that no longer exists.
/// </summary>
internal sealed class ContractSchemaTransform
{
    private readonly Dictionary<(Type Owner, string Property), ContractField> _fields =
        ContractFields.All.ToDictionary(f => (f.Owner, f.Property));

    public HashSet<ContractField> Used { get; } = [];

    public JsonNode Transform(JsonSchemaExporterContext context, JsonNode node)
    {
        if (node is not JsonObject schema)
        {
            return node;
        }
        if (context.TypeInfo.Kind == JsonTypeInfoKind.Object && schema["properties"] is JsonObject properties)
        {
            SetRequired(context.TypeInfo, schema, properties);
        }
        if (context.PropertyInfo is { DeclaringType: var owner, Name: var name } && _fields.TryGetValue((owner, name), out var field))
        {
            Apply(schema, field);
            Used.Add(field);
        }
        return schema;
    }

    private void SetRequired(JsonTypeInfo type, JsonObject schema, JsonObject properties)
    {
        var required = new JsonArray();
        foreach (var property in type.Properties)
        {
            if (properties[property.Name] is not JsonObject propertySchema)
            {
                continue;
            }
            var demanded = _fields.TryGetValue((type.Type, property.Name), out var field) && field.Required;
            if (demanded || !IsNullable(propertySchema, property))
            {
                required.Add(property.Name);
            }
        }
        schema.Remove("required");
        if (required.Count > 0)
        {
            // Keep "required" after "properties", where readers expect it.
            var additional = schema["additionalProperties"]?.DeepClone();
            schema.Remove("additionalProperties");
            schema["required"] = required;
            if (additional is not null)
            {
                schema["additionalProperties"] = additional;
            }
        }
    }

    private static bool IsNullable(JsonObject schema, JsonPropertyInfo property) =>
        property.IsGetNullable || (schema["type"] is JsonArray types && types.Any(t => t?.GetValue<string>() == "null"));

    private static void Apply(JsonObject schema, ContractField field)
    {
        if (schema.ContainsKey("$ref"))
        {
            return;
        }
        var target = schema["items"] is JsonObject items && IsArray(schema) ? items : schema;
        if (field.Enum is { } values)
        {
            var list = new JsonArray(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
            if (AllowsNull(target))
            {
                list.Add(null);
            }
            target["enum"] = list;
        }
        if (field.Pattern is { } pattern)
        {
            target["pattern"] = pattern;
        }
        if (field.Format is { } format)
        {
            target["format"] = format;
        }
        if (field.MaxLength is { } maxLength)
        {
            target["maxLength"] = maxLength;
        }
        if (field.MaxItems is { } maxItems)
        {
            schema["minItems"] = 1;
            schema["maxItems"] = maxItems;
        }
        if (field.Description is { } description)
        {
            schema["description"] = description;
        }
        if (field.Example is { } example)
        {
            schema["examples"] = new JsonArray(example);
        }
    }

    private static bool IsArray(JsonObject schema) =>
        schema["type"] is JsonValue v ? v.GetValue<string>() == "array" : schema["type"] is JsonArray types && types.Any(t => t?.GetValue<string>() == "array");

    private static bool AllowsNull(JsonObject schema) =>
        schema["type"] is JsonArray types && types.Any(t => t?.GetValue<string>() == "null");
}
