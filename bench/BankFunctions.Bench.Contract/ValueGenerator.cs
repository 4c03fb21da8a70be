using System.Text.Json.Nodes;

namespace BankFunctions.Bench.Contract;

/// <summary>
/// Values for a JSON Schema of the served document: valid ones (required properties, enums, bounds, and realistic
/// strings for the fields whose patterns carry meaning, such as IBANs and the tenant's own ids) and broken ones
/// (a required field dropped, a wrong type, an unknown field, a too long string, text outside the bank's character set).
/// </summary>
public sealed class ValueGenerator(JsonObject document, Random random, Func<string, string?> known)
{
    private static readonly string[] Texts = ["Muster GmbH", "Müller GmbH", "深圳市供应商有限公司", "Invoice 42", "a", "O'Brien & Co", "Ж", "x/y-z?(1).,'+"];

    public JsonNode? Valid(JsonNode? schema, string name = "", int depth = 0)
    {
        schema = Resolve(schema);
        if (schema is not JsonObject s || depth > 6)
        {
            return null;
        }
        if (s["enum"] is JsonArray values)
        {
            return values[random.Next(values.Count)]?.DeepClone();
        }
        return TypeOf(s) switch
        {
            "object" => Object(s, depth),
            "array" => Array(s, name, depth),
            "integer" => Integer(s),
            "number" => JsonValue.Create(random.Next(0, 1000) / 10m),
            "boolean" => JsonValue.Create(random.Next(2) == 0),
            "string" => JsonValue.Create(String(s, name)),
            _ => null,
        };
    }

    /// <summary>A valid value with one thing broken (or, sometimes, left valid: the API must answer either way).</summary>
    public JsonNode? Broken(JsonNode? schema)
    {
        var value = Valid(schema);
        if (value is not JsonObject o || o.Count == 0)
        {
            return random.Next(2) == 0 ? JsonValue.Create(42) : new JsonArray();
        }
        var target = Pick(o);
        switch (random.Next(6))
        {
            case 0: o.Remove(target.Key); break;
            case 1: o[target.Key] = WrongType(target.Value); break;
            case 2: o["unexpected" + random.Next(100)] = "x"; break;
            case 3: o[target.Key] = new string('x', random.Next(71, 400)); break;
            case 4: o[target.Key] = Texts[random.Next(Texts.Length)]; break;
            default:
                if (target.Value is JsonObject inner && inner.Count > 0)
                {
                    var nested = Pick(inner);
                    inner[nested.Key] = WrongType(nested.Value);
                }
                break;
        }
        return o;
    }

    private JsonObject Object(JsonObject s, int depth)
    {
        var result = new JsonObject();
        var required = s["required"] is JsonArray r ? r.Select(v => v!.GetValue<string>()).ToHashSet(StringComparer.Ordinal) : [];
        if (s["properties"] is JsonObject properties)
        {
            foreach (var (name, propertySchema) in properties)
            {
                if (required.Contains(name) || random.Next(3) == 0)
                {
                    var value = known(name) is { } k && random.Next(10) < 9 ? JsonValue.Create(k) : Valid(propertySchema, name, depth + 1);
                    if (value is not null)
                    {
                        result[name] = value;
                    }
                }
            }
        }
        return result;
    }

    private JsonArray Array(JsonObject s, string name, int depth)
    {
        var min = s["minItems"]?.GetValue<int>() ?? 0;
        var count = random.Next(Math.Max(min, name == "roles" ? 1 : 0), min + 3);
        var array = new JsonArray();
        for (var i = 0; i < count; i++)
        {
            array.Add(Valid(s["items"], name, depth + 1));
        }
        return array;
    }

    private JsonValue Integer(JsonObject s)
    {
        var min = s["minimum"]?.GetValue<int>() ?? 0;
        var max = s["maximum"]?.GetValue<int>() ?? 3;
        return JsonValue.Create(random.Next(min, max + 1));
    }

    private string String(JsonObject s, string name)
    {
        if (known(name) is { } value)
        {
            return value;
        }
        if (s["examples"] is JsonArray examples && examples.Count > 0)
        {
            return examples[random.Next(examples.Count)]!.GetValue<string>();
        }
        var max = s["maxLength"]?.GetValue<int>() ?? 30;
        const string letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ";
        return new string(Enumerable.Range(0, random.Next(1, Math.Min(max, 40) + 1)).Select(_ => letters[random.Next(letters.Length)]).ToArray());
    }

    private JsonNode? WrongType(JsonNode? value) => value switch
    {
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.String => random.Next(2) == 0 ? JsonValue.Create(12.5m) : new JsonArray("x"),
        JsonObject => JsonValue.Create("not an object"),
        JsonArray => new JsonObject { ["a"] = 1 },
        _ => JsonValue.Create(random.Next(2) == 0 ? "true" : null),
    };

    private KeyValuePair<string, JsonNode?> Pick(JsonObject o) => o.ElementAt(random.Next(o.Count));

    private JsonNode? Resolve(JsonNode? schema)
    {
        for (var i = 0; i < 10 && schema?["$ref"] is JsonValue reference; i++)
        {
            JsonNode? node = document;
            foreach (var part in reference.GetValue<string>().TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                node = node?[part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)];
            }
            schema = node;
        }
        return schema;
    }

    private string? TypeOf(JsonObject s) => s["type"] switch
    {
        JsonValue v => v.GetValue<string>(),
        JsonArray types => types.Select(t => t!.GetValue<string>()).Where(t => t != "null").ElementAtOrDefault(0) is { } t && random.Next(20) > 0 ? t : "null",
        _ => s["properties"] is not null ? "object" : null,
    };
}
