using System.Buffers.Text;
using System.Text.Json;

namespace BankFunctions.Storage.Encryption;

/// <summary>
/// Finds the values to seal or open in Table service entity JSON with one <see cref="Utf8JsonReader"/> pass, as byte
/// ranges of the input: the policy then splices the replacements into a copy of the input and leaves every other byte
/// as the client or the service wrote it (no document tree, no re-serialisation of the rest). A sealed text value starts
/// with "enc1:"; a sealed binary value (Base64, as every Edm.Binary value is in entity JSON) with
/// <see cref="Envelope.BinaryMarker"/>.
/// </summary>
internal static class EntityJson
{
    private static ReadOnlySpan<byte> Marker => "enc1:"u8;

    /// <summary>Part of the input (<see cref="Start"/>, <see cref="Length"/>) or, when it was JSON-escaped there, its unescaped <see cref="Copy"/>.</summary>
    internal readonly record struct Text(int Start, int Length, byte[]? Copy)
    {
        public ReadOnlySpan<byte> In(ReadOnlySpan<byte> json) => Copy ?? json.Slice(Start, Length);
    }

    /// <summary>A clear value of a sensitive column: the string token at [<paramref name="Start"/>, <paramref name="End"/>) including its quotes.</summary>
    internal readonly record struct ClearValue(int Start, int End, SensitiveColumn Column, Text Value);

    /// <summary>
    /// A sealed value: the string token at [<paramref name="Start"/>, <paramref name="End"/>), the entity it belongs to,
    /// its column, its Base64 envelope and whether it is binary (opened to Base64, not to text).
    /// </summary>
    internal readonly record struct SealedValue(int Start, int End, int Entity, Text Column, Text Base64, int KeyVersion, bool Binary);

    /// <summary>The keys of one JSON object of a response (an entity, or the query's envelope object holding them).</summary>
    internal sealed class Keys
    {
        public string? PartitionKey;
        public string? RowKey;
    }

    /// <summary>
    /// The not-yet-sealed string values of <paramref name="columns"/> in one flat entity object, and its keys. Values of
    /// a column that does not apply to the row (by row-key prefix) are left out.
    /// </summary>
    public static List<ClearValue> ClearValues(ReadOnlySpan<byte> json, IReadOnlyList<SensitiveColumn> columns, out string? partitionKey, out string? rowKey)
    {
        partitionKey = null;
        rowKey = null;
        var found = new List<ClearValue>();
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return found;
        }
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isPartitionKey = reader.ValueTextEquals("PartitionKey"u8);
            var isRowKey = !isPartitionKey && reader.ValueTextEquals("RowKey"u8);
            SensitiveColumn? column = null;
            if (!isPartitionKey && !isRowKey)
            {
                foreach (var candidate in columns)
                {
                    if (reader.ValueTextEquals(candidate.Utf8Name))
                    {
                        column = candidate;
                        break;
                    }
                }
            }
            reader.Read();
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                reader.Skip();
                continue;
            }
            if (reader.TokenType != JsonTokenType.String)
            {
                continue;
            }
            if (isPartitionKey)
            {
                partitionKey = reader.GetString();
            }
            else if (isRowKey)
            {
                rowKey = reader.GetString();
            }
            else if (column is not null)
            {
                var value = StringValue(ref reader);
                if (!value.In(json).StartsWith(column.Binary ? Envelope.BinaryMarker : Marker))
                {
                    found.Add(new ClearValue((int)reader.TokenStartIndex, (int)reader.BytesConsumed, column, value));
                }
            }
        }
        var rk = rowKey;
        found.RemoveAll(value => rk is null || !value.Column.AppliesTo(rk));
        return found;
    }

    /// <summary>
    /// Every sealed string value in a response (a single entity, or a query's "value" array of entities) with the
    /// index of the object it is a property of in <paramref name="objects"/>, which collects each object's keys. A
    /// binary value is taken for sealed only in one of <paramref name="columns"/> that is binary: elsewhere a text that
    /// happens to start like one is data.
    /// </summary>
    public static List<SealedValue> SealedValues(ReadOnlySpan<byte> json, List<Keys> objects, IReadOnlyList<SensitiveColumn> columns)
    {
        var found = new List<SealedValue>();
        var open = new Stack<int>();
        var reader = new Utf8JsonReader(json);
        var name = default(Text);
        var property = 0; // 0: no property name pending; 1: PartitionKey; 2: RowKey; 3: another column
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    objects.Add(new Keys());
                    open.Push(objects.Count - 1);
                    property = 0;
                    break;
                case JsonTokenType.EndObject:
                    open.Pop();
                    property = 0;
                    break;
                case JsonTokenType.PropertyName:
                    property = reader.ValueTextEquals("PartitionKey"u8) ? 1 : reader.ValueTextEquals("RowKey"u8) ? 2 : 3;
                    name = property == 3 ? StringValue(ref reader) : default;
                    break;
                case JsonTokenType.String when property != 0 && open.Count > 0:
                    var keys = objects[open.Peek()];
                    if (property == 1)
                    {
                        keys.PartitionKey = reader.GetString();
                    }
                    else if (property == 2)
                    {
                        keys.RowKey = reader.GetString();
                    }
                    else
                    {
                        var value = StringValue(ref reader);
                        var binary = value.In(json).StartsWith(Envelope.BinaryMarker) && IsBinary(name.In(json), columns);
                        if (binary || value.In(json).StartsWith(Marker))
                        {
                            var marker = binary ? Envelope.BinaryMarker.Length : Marker.Length;
                            var base64 = value with { Start = value.Start + marker, Length = value.Length - marker, Copy = value.Copy?[marker..] };
                            found.Add(new SealedValue((int)reader.TokenStartIndex, (int)reader.BytesConsumed, open.Peek(), name, base64, KeyVersion(base64.In(json)), binary));
                        }
                    }
                    property = 0;
                    break;
                default:
                    property = 0;
                    break;
            }
        }
        return found;
    }

    private static bool IsBinary(ReadOnlySpan<byte> name, IReadOnlyList<SensitiveColumn> columns)
    {
        foreach (var column in columns)
        {
            if (column.Binary && name.SequenceEqual(column.Utf8Name))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The envelope's data-key version from the first 8 Base64 characters (6 bytes) of it.</summary>
    private static int KeyVersion(ReadOnlySpan<byte> base64)
    {
        Span<byte> head = stackalloc byte[6];
        if (base64.Length < 8 || Base64.DecodeFromUtf8(base64[..8], head, out _, out _) != System.Buffers.OperationStatus.Done)
        {
            throw new System.Security.Cryptography.CryptographicException("A sealed value is not a valid envelope.");
        }
        return System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(head);
    }

    /// <summary>The current string token (property name or value) without its quotes, unescaped.</summary>
    private static Text StringValue(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped)
        {
            return new Text((int)reader.TokenStartIndex + 1, reader.ValueSpan.Length, null);
        }
        var copy = new byte[reader.ValueSpan.Length];
        return new Text(0, 0, copy[..reader.CopyString(copy)]);
    }
}
