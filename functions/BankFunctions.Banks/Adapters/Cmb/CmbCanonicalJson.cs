using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace BankFunctions.Banks.Adapters.Cmb;

/// <summary>
/// The byte form CMB signs (BANKS.md §B): every object's keys sorted ordinally, recursively; compact JSON; then
/// every '\n', '\r' and ' ' removed — including spaces inside string values, which is what the bank does.
/// Strings are written as raw UTF-8 (Chinese names are not \u-escaped); only the escapes JSON requires
/// (quote, backslash, control characters) are applied. Numbers keep their original text.
/// </summary>
public static class CmbCanonicalJson
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = false,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static byte[] Canonicalize(JsonNode? node)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            Write(writer, node);
        }
        var bytes = buffer.ToArray();
        var result = new byte[bytes.Length];
        var n = 0;
        foreach (var b in bytes)
        {
            // Removing ASCII bytes never splits a UTF-8 sequence: continuation bytes are all >= 0x80.
            if (b is not ((byte)'\n' or (byte)'\r' or (byte)' '))
            {
                result[n++] = b;
            }
        }
        return result.AsSpan(0, n).ToArray();
    }

    public static string CanonicalString(JsonNode? node) => Encoding.UTF8.GetString(Canonicalize(node));

    private static void Write(Utf8JsonWriter writer, JsonNode? node)
    {
        switch (node)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JsonObject obj:
                writer.WriteStartObject();
                foreach (var (key, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(key);
                    Write(writer, value);
                }
                writer.WriteEndObject();
                break;
            case JsonArray array:
                writer.WriteStartArray();
                foreach (var item in array)
                {
                    Write(writer, item);
                }
                writer.WriteEndArray();
                break;
            default:
                node.WriteTo(writer);
                break;
        }
    }
}
