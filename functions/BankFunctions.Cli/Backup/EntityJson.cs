using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Azure.Data.Tables;

namespace BankFunctions.Cli.Backup;

/// <summary>
/// One table entity as one JSON line, with the Table service's own type annotations (OData JSON, as the REST API
/// writes them) so that a restore writes every property back with its EDM type: strings, Int32 and booleans are plain
/// JSON; Int64, Double, DateTime, Guid and Binary carry "Name@odata.type". Timestamp and ETag are the service's and
/// are not kept (a restored row gets new ones).
/// </summary>
public static class EntityJson
{
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = false };

    private const string TypeSuffix = "@odata.type";

    public static void Write(Utf8JsonWriter writer, TableEntity entity)
    {
        writer.WriteStartObject();
        writer.WriteString("PartitionKey", entity.PartitionKey);
        writer.WriteString("RowKey", entity.RowKey);
        foreach (var (name, value) in entity)
        {
            if (name is "PartitionKey" or "RowKey" or "Timestamp" or "odata.etag" || value is null)
            {
                continue;
            }
            switch (value)
            {
                case string s: writer.WriteString(name, s); break;
                case bool b: writer.WriteBoolean(name, b); break;
                case int i: writer.WriteNumber(name, i); break;
                case long l: Typed(writer, name, "Edm.Int64"); writer.WriteString(name, l.ToString(CultureInfo.InvariantCulture)); break;
                case double d:
                    Typed(writer, name, "Edm.Double");
                    if (double.IsFinite(d)) { writer.WriteNumber(name, d); }
                    else { writer.WriteString(name, double.IsNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity"); }
                    break;
                case DateTimeOffset t: Typed(writer, name, "Edm.DateTime"); writer.WriteString(name, t.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)); break;
                case DateTime t: Typed(writer, name, "Edm.DateTime"); writer.WriteString(name, t.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture)); break;
                case Guid g: Typed(writer, name, "Edm.Guid"); writer.WriteString(name, g.ToString("D")); break;
                case byte[] bytes: Typed(writer, name, "Edm.Binary"); writer.WriteBase64String(name, bytes); break;
                case BinaryData data: Typed(writer, name, "Edm.Binary"); writer.WriteBase64String(name, data.ToMemory().Span); break;
                default: throw new InvalidOperationException($"Property '{name}' of ({entity.PartitionKey}, {entity.RowKey}) has a type Table Storage does not store: {value.GetType()}.");
            }
        }
        writer.WriteEndObject();
    }

    private static void Typed(Utf8JsonWriter writer, string name, string type) => writer.WriteString(name + TypeSuffix, type);

    /// <summary>Reads one line written by <see cref="Write"/>; <see cref="FormatException"/> for anything else.</summary>
    public static TableEntity Read(ReadOnlySpan<byte> line)
    {
        try
        {
            return ReadEntity(line);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException or OverflowException)
        {
            // Invalid UTF-8, a number out of range, a token of the wrong kind: a damaged line, whatever the reader calls it.
            throw new FormatException(e.Message, e);
        }
    }

    private static TableEntity ReadEntity(ReadOnlySpan<byte> line)
    {
        var reader = new Utf8JsonReader(line);
        Expect(reader.Read() && reader.TokenType == JsonTokenType.StartObject, "a JSON object");
        var entity = new TableEntity();
        string? pendingType = null;
        string? pendingName = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            Expect(reader.TokenType == JsonTokenType.PropertyName, "a property name");
            var name = reader.GetString()!;
            Expect(reader.Read(), "a value");
            if (name.EndsWith(TypeSuffix, StringComparison.Ordinal))
            {
                pendingName = name[..^TypeSuffix.Length];
                pendingType = reader.GetString();
                continue;
            }
            var type = pendingName == name ? pendingType : null;
            pendingName = pendingType = null;
            entity[name] = type is null ? Plain(ref reader, name) : TypedValue(ref reader, name, type);
        }
        Expect(entity.ContainsKey("PartitionKey") && entity.ContainsKey("RowKey"), "PartitionKey and RowKey");
        return entity;
    }

    private static object Plain(ref Utf8JsonReader reader, string name) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString()!,
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        JsonTokenType.Number when reader.TryGetInt32(out var i) => i,
        _ => throw new FormatException($"property '{name}': {reader.TokenType} without a type annotation"),
    };

    private static object TypedValue(ref Utf8JsonReader reader, string name, string type) => type switch
    {
        "Edm.Int64" => long.Parse(reader.GetString()!, CultureInfo.InvariantCulture),
        "Edm.Double" => reader.TokenType == JsonTokenType.Number ? reader.GetDouble() : reader.GetString() switch
        {
            "NaN" => double.NaN,
            "Infinity" => double.PositiveInfinity,
            "-Infinity" => double.NegativeInfinity,
            var other => throw new FormatException($"property '{name}': '{other}' is not a Double"),
        },
        "Edm.DateTime" => DateTimeOffset.Parse(reader.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
        "Edm.Guid" => Guid.Parse(reader.GetString()!),
        "Edm.Binary" => reader.GetBytesFromBase64(),
        "Edm.String" => reader.GetString()!,
        "Edm.Int32" => reader.GetInt32(),
        "Edm.Boolean" => reader.GetBoolean(),
        _ => throw new FormatException($"property '{name}': unknown type '{type}'"),
    };

    private static void Expect(bool condition, string what)
    {
        if (!condition)
        {
            throw new FormatException("expected " + what);
        }
    }
}
