using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure.Core;

namespace BankFunctions.Storage.Encryption;

/// <summary>
/// The one seam where table rows are encrypted and decrypted: a policy in the Table client's HTTP pipeline. It seals
/// the <see cref="SensitiveColumns"/> of every entity a request writes (insert, update, upsert, entity-group
/// transactions) and opens every sealed value in what a read returns (point reads, queries). Features keep their
/// typed rows in clear and never see an envelope. Values that are not sealed (rows written before encryption) are
/// returned as they are and sealed on their next write. With <c>sealWrites</c> off (encryption disabled) nothing new
/// is sealed but sealed values still read. A binary column's value is sealed as bytes and stays Edm.Binary
/// (<see cref="Envelope.BinaryMagic"/> followed by the envelope, Base64 in the JSON like any binary value).
/// </summary>
public sealed partial class TableEncryptionPolicy(TenantKeyRing ring, bool sealWrites) : EncryptionPolicy
{
    private static ReadOnlySpan<byte> SealedMarker => "enc1:"u8;
    private static ReadOnlySpan<byte> QuotedBinaryMarker => "\"QkZFQjE6"u8;

    private protected override async ValueTask SealRequestAsync(HttpMessage message, CancellationToken cancellationToken)
    {
        var request = message.Request;
        if (!sealWrites || request.Content is null || request.Method == RequestMethod.Get || request.Method == RequestMethod.Delete)
        {
            return;
        }
        var table = TableOf(request.Uri.Path);
        var isBatch = table == "$batch";
        if (!isBatch && !SensitiveColumns.AnyIn(table))
        {
            return;
        }
        using var buffer = new MemoryStream();
        await request.Content.WriteToAsync(buffer, cancellationToken).ConfigureAwait(false);
        var written = new ReadOnlyMemory<byte>(buffer.GetBuffer(), 0, (int)buffer.Length);
        byte[] bytes;
        if (isBatch)
        {
            if (!MayHoldAnyInAnyTable(written.Span))
            {
                return;
            }
            // An entity-group transaction is multipart/mixed: one HTTP request per change, its entity one JSON line.
            var text = Encoding.UTF8.GetString(written.Span);
            var parts = new List<(Match Match, string Replacement)>();
            foreach (Match part in BatchPart().Matches(text))
            {
                var partTable = TableOf(new Uri(part.Groups["url"].Value).AbsolutePath);
                var json = part.Groups["json"];
                if (!SensitiveColumns.AnyIn(partTable) || !SensitiveColumns.MayHoldAny(partTable, text.AsSpan(json.Index, json.Length)))
                {
                    continue;
                }
                if (await SealEntityAsync(partTable, Encoding.UTF8.GetBytes(json.Value), cancellationToken).ConfigureAwait(false) is not { } sealedJson)
                {
                    continue;
                }
                var head = ContentLength().Replace(part.Groups["head"].Value, "Content-Length: " + sealedJson.Length + "\r\n");
                parts.Add((part, head + Encoding.UTF8.GetString(sealedJson)));
            }
            if (parts.Count == 0)
            {
                return;
            }
            var builder = new StringBuilder(text.Length + parts.Count * 256);
            var at = 0;
            foreach (var (match, replacement) in parts)
            {
                builder.Append(text, at, match.Index - at).Append(replacement);
                at = match.Index + match.Length;
            }
            bytes = Encoding.UTF8.GetBytes(builder.Append(text, at, text.Length - at).ToString());
        }
        else
        {
            if (!SensitiveColumns.MayHoldAny(table, written.Span)
                || await SealEntityAsync(table, written, cancellationToken).ConfigureAwait(false) is not { } sealedJson)
            {
                return;
            }
            bytes = sealedJson;
        }
        request.Content = RequestContent.Create(bytes);
        if (request.Headers.Contains("Content-Length"))
        {
            request.Headers.SetValue("Content-Length", bytes.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    private static bool MayHoldAnyInAnyTable(ReadOnlySpan<byte> body) =>
        SensitiveColumns.MayHoldAny(TableNames.TenantData, body) || SensitiveColumns.MayHoldAny(TableNames.Statements, body);

    /// <summary>The entity with its clear sensitive values sealed, or null when it has none to seal.</summary>
    private async ValueTask<byte[]?> SealEntityAsync(string table, ReadOnlyMemory<byte> json, CancellationToken cancellationToken)
    {
        var values = EntityJson.ClearValues(json.Span, SensitiveColumns.Of(table), out var pk, out var rk);
        if (values.Count == 0 || pk is null || rk is null)
        {
            return null;
        }
        var tenant = SensitiveColumns.TenantOf(pk);
        var keys = await ring.ForWriteAsync(tenant, cancellationToken).ConfigureAwait(false);
        return Seal(json.Span, values, keys, Envelope.AssociatedDataPrefix(tenant, table, pk, rk));
    }

    private static byte[] Seal(ReadOnlySpan<byte> json, List<EntityJson.ClearValue> values, TenantKeyRing.TenantKeys keys, byte[] associatedPrefix)
    {
        var output = new ArrayBufferWriter<byte>(json.Length + values.Count * 64);
        var scratch = ArrayPool<byte>.Shared.Rent(1024);
        byte[]? binary = null;
        try
        {
            var at = 0;
            foreach (var value in values)
            {
                output.Write(json[at..value.Start]);
                var plain = value.Column.Binary ? FromBase64(value.Value.In(json), ref binary) : value.Value.In(json);
                var associated = associatedPrefix.Length + value.Column.Utf8Name.Length;
                var sealedLength = Envelope.SealedLength(plain.Length);
                if (value.Column.Binary && Envelope.BinaryMagic.Length + sealedLength > Guard.StorageLimits.MaxBinaryBytes)
                {
                    // Azurite would store it; Azure refuses a binary property over 64 KiB (StorageLimits checked the clear value).
                    throw new Guard.StorageLimitException(
                        $"Property {value.Column.Name} is {plain.Length} bytes, {Envelope.BinaryMagic.Length + sealedLength} sealed; Azure allows {Guard.StorageLimits.MaxBinaryBytes}.");
                }
                if (scratch.Length < associated + sealedLength)
                {
                    ArrayPool<byte>.Shared.Return(scratch);
                    scratch = ArrayPool<byte>.Shared.Rent(associated + sealedLength);
                }
                var aad = scratch.AsSpan(0, associated);
                associatedPrefix.CopyTo(aad);
                value.Column.Utf8Name.CopyTo(aad[associatedPrefix.Length..]);
                var envelope = scratch.AsSpan(associated, sealedLength);
                Envelope.Seal(keys.Current, keys.CurrentKey, plain, aad, envelope);
                // "enc1:" + Base64, or Base64 of the binary magic (6 bytes, so its Base64 is a fixed prefix) + Base64:
                // every character is plain JSON, nothing to escape.
                var marker = value.Column.Binary ? Envelope.BinaryMarker : SealedMarker;
                var target = output.GetSpan(2 + marker.Length + Base64.GetMaxEncodedToUtf8Length(sealedLength));
                target[0] = (byte)'"';
                marker.CopyTo(target[1..]);
                Base64.EncodeToUtf8(envelope, target[(1 + marker.Length)..], out _, out var encoded);
                target[1 + marker.Length + encoded] = (byte)'"';
                output.Advance(2 + marker.Length + encoded);
                at = value.End;
            }
            output.Write(json[at..]);
            return output.WrittenSpan.ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch, clearArray: true);
            if (binary is not null)
            {
                ArrayPool<byte>.Shared.Return(binary, clearArray: true);
            }
        }
    }

    /// <summary>The bytes of a clear binary value (Base64 in the entity JSON), decoded into a pooled <paramref name="buffer"/>.</summary>
    private static ReadOnlySpan<byte> FromBase64(ReadOnlySpan<byte> base64, ref byte[]? buffer)
    {
        var length = Base64.GetMaxDecodedFromUtf8Length(base64.Length);
        if (buffer is null || buffer.Length < length)
        {
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
            }
            buffer = ArrayPool<byte>.Shared.Rent(length);
        }
        if (Base64.DecodeFromUtf8(base64, buffer, out _, out var decoded) != OperationStatus.Done)
        {
            throw new FormatException("A binary value of the entity is not valid Base64.");
        }
        return buffer.AsSpan(0, decoded);
    }

    private protected override async ValueTask OpenResponseAsync(HttpMessage message, CancellationToken cancellationToken)
    {
        if (!message.HasResponse || message.Response.ContentStream is not MemoryStream body || message.Response.Status is < 200 or >= 300)
        {
            return;
        }
        var table = TableOf(message.Request.Uri.Path);
        if (!SensitiveColumns.AnyIn(table) || body.Length == 0)
        {
            return;
        }
        var json = body.TryGetBuffer(out var segment) ? segment.AsMemory() : body.ToArray();
        if (json.Span.IndexOf(SealedMarker) < 0 && json.Span.IndexOf(QuotedBinaryMarker) < 0)
        {
            return;
        }
        var objects = new List<EntityJson.Keys>();
        var values = EntityJson.SealedValues(json.Span, objects, SensitiveColumns.Of(table));
        if (values.Count == 0)
        {
            return;
        }
        // A query that selects columns without the keys still gets them from a point read's URL; a value that cannot be
        // placed (no keys) stays sealed and fails loudly in the feature rather than decrypting under a guessed context.
        var fromPath = KeysFromPath(message.Request.Uri.Path);
        var places = new (string Tenant, byte[] AssociatedPrefix)?[objects.Count];
        var dataKeys = new Dictionary<(string Tenant, int Version), byte[]>();
        foreach (var value in values)
        {
            if (places[value.Entity] is null)
            {
                var keys = objects[value.Entity];
                var pk = keys.PartitionKey ?? (value.Entity == 0 ? fromPath?.Item1 : null);
                var rk = keys.RowKey ?? (value.Entity == 0 ? fromPath?.Item2 : null);
                if (pk is null || rk is null)
                {
                    continue;
                }
                var tenant = SensitiveColumns.TenantOf(pk);
                places[value.Entity] = (tenant, Envelope.AssociatedDataPrefix(tenant, table, pk, rk));
            }
            var place = (places[value.Entity]!.Value.Tenant, value.KeyVersion);
            if (!dataKeys.ContainsKey(place))
            {
                dataKeys[place] = await ring.ForReadAsync(place.Tenant, place.KeyVersion, cancellationToken).ConfigureAwait(false);
            }
        }
        message.Response.ContentStream = new MemoryStream(Open(json.Span, values, places, dataKeys));
    }

    private static byte[] Open(ReadOnlySpan<byte> json, List<EntityJson.SealedValue> values, (string Tenant, byte[] AssociatedPrefix)?[] places,
        Dictionary<(string Tenant, int Version), byte[]> dataKeys)
    {
        var output = new ArrayBufferWriter<byte>(json.Length);
        var scratch = ArrayPool<byte>.Shared.Rent(1024);
        try
        {
            var at = 0;
            foreach (var value in values)
            {
                if (places[value.Entity] is not { } place)
                {
                    continue;
                }
                output.Write(json[at..value.Start]);
                var base64 = value.Base64.In(json);
                var column = value.Column.In(json);
                var associated = place.AssociatedPrefix.Length + column.Length;
                var envelopeLength = Base64.GetMaxDecodedFromUtf8Length(base64.Length);
                if (scratch.Length < associated + 2 * envelopeLength)
                {
                    ArrayPool<byte>.Shared.Return(scratch, clearArray: true);
                    scratch = ArrayPool<byte>.Shared.Rent(associated + 2 * envelopeLength);
                }
                var aad = scratch.AsSpan(0, associated);
                place.AssociatedPrefix.CopyTo(aad);
                column.CopyTo(aad[place.AssociatedPrefix.Length..]);
                var envelope = scratch.AsSpan(associated, envelopeLength);
                if (Base64.DecodeFromUtf8(base64, envelope, out _, out var decoded) != OperationStatus.Done)
                {
                    throw new CryptographicException("A sealed value is not valid Base64.");
                }
                var plain = scratch.AsSpan(associated + envelopeLength, envelopeLength);
                var length = Envelope.Open(dataKeys[(place.Tenant, value.KeyVersion)], envelope[..decoded], aad, plain);
                if (value.Binary)
                {
                    // Back to the clear bytes, Base64 as the client reads every Edm.Binary value.
                    var target = output.GetSpan(2 + Base64.GetMaxEncodedToUtf8Length(length));
                    target[0] = (byte)'"';
                    Base64.EncodeToUtf8(plain[..length], target[1..], out _, out var written);
                    target[1 + written] = (byte)'"';
                    output.Advance(written + 2);
                }
                else
                {
                    var encoded = JsonEncodedText.Encode(plain[..length], JavaScriptEncoder.UnsafeRelaxedJsonEscaping).EncodedUtf8Bytes;
                    var target = output.GetSpan(encoded.Length + 2);
                    target[0] = (byte)'"';
                    encoded.CopyTo(target[1..]);
                    target[1 + encoded.Length] = (byte)'"';
                    output.Advance(encoded.Length + 2);
                }
                at = value.End;
            }
            output.Write(json[at..]);
            return output.WrittenSpan.ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch, clearArray: true);
        }
    }

    /// <summary>"/devstoreaccount1/TenantData(PartitionKey='a',RowKey='b')" → "TenantData"; "/TenantData()" → "TenantData".</summary>
    internal static string TableOf(string path)
    {
        var segment = path[(path.LastIndexOf('/') + 1)..];
        var paren = segment.IndexOf('(', StringComparison.Ordinal);
        return paren < 0 ? segment : segment[..paren];
    }

    private static (string, string)? KeysFromPath(string path)
    {
        var match = PointKeys().Match(Uri.UnescapeDataString(path));
        return match.Success
            ? (match.Groups["pk"].Value.Replace("''", "'", StringComparison.Ordinal), match.Groups["rk"].Value.Replace("''", "'", StringComparison.Ordinal))
            : null;
    }

    [GeneratedRegex(@"(?<head>(?:POST|PUT|PATCH|MERGE) (?<url>\S+) HTTP/1\.1\r\n(?:[^\r\n]+\r\n)*\r\n)(?<json>\{[^\r\n]*\})")]
    private static partial Regex BatchPart();

    [GeneratedRegex(@"Content-Length: \d+\r\n", RegexOptions.IgnoreCase)]
    private static partial Regex ContentLength();

    [GeneratedRegex(@"\(PartitionKey='(?<pk>(?:[^']|'')*)',RowKey='(?<rk>(?:[^']|'')*)'\)")]
    private static partial Regex PointKeys();
}
