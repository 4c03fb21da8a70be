using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Azure.Core;
using Azure.Core.Pipeline;

namespace BankFunctions.Storage.Encryption;

/// <summary>
/// The one seam where table rows are encrypted and decrypted: a policy in the Table client's HTTP pipeline. It seals
/// the <see cref="SensitiveColumns"/> of every entity a request writes (insert, update, upsert, entity-group
/// transactions) and opens every sealed value in what a read returns (point reads, queries). Features keep their
/// typed rows in clear and never see an envelope. Values that are not sealed (rows written before encryption) are
/// returned as they are and sealed on their next write. With <c>sealWrites</c> off (encryption disabled) nothing new
/// is sealed but sealed values still read.
/// </summary>
public sealed partial class TableEncryptionPolicy(TenantKeyRing ring, bool sealWrites) : HttpPipelinePolicy
{
    private static readonly byte[] SealedMarker = Encoding.UTF8.GetBytes(Envelope.TextPrefix);

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        await SealRequestAsync(message, message.CancellationToken).ConfigureAwait(false);
        await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
        await OpenResponseAsync(message, message.CancellationToken).ConfigureAwait(false);
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        SealRequestAsync(message, message.CancellationToken).AsTask().GetAwaiter().GetResult();
        ProcessNext(message, pipeline);
        OpenResponseAsync(message, message.CancellationToken).AsTask().GetAwaiter().GetResult();
    }

    private async ValueTask SealRequestAsync(HttpMessage message, CancellationToken cancellationToken)
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
        var text = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        string sealedText;
        if (isBatch)
        {
            // An entity-group transaction is multipart/mixed: one HTTP request per change, its entity one JSON line.
            var parts = new List<(Match Match, string Replacement)>();
            foreach (Match part in BatchPart().Matches(text))
            {
                var partTable = TableOf(new Uri(part.Groups["url"].Value).AbsolutePath);
                if (!SensitiveColumns.AnyIn(partTable))
                {
                    continue;
                }
                var json = await SealEntityAsync(partTable, part.Groups["json"].Value, cancellationToken).ConfigureAwait(false);
                var head = ContentLength().Replace(part.Groups["head"].Value, "Content-Length: " + Encoding.UTF8.GetByteCount(json) + "\r\n");
                parts.Add((part, head + json));
            }
            if (parts.Count == 0)
            {
                return;
            }
            var builder = new StringBuilder(text.Length + 512);
            var at = 0;
            foreach (var (match, replacement) in parts)
            {
                builder.Append(text, at, match.Index - at).Append(replacement);
                at = match.Index + match.Length;
            }
            sealedText = builder.Append(text, at, text.Length - at).ToString();
        }
        else
        {
            sealedText = await SealEntityAsync(table, text, cancellationToken).ConfigureAwait(false);
        }
        var bytes = Encoding.UTF8.GetBytes(sealedText);
        request.Content = RequestContent.Create(bytes);
        if (request.Headers.Contains("Content-Length"))
        {
            request.Headers.SetValue("Content-Length", bytes.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    private async ValueTask<string> SealEntityAsync(string table, string json, CancellationToken cancellationToken)
    {
        if (JsonNode.Parse(json) is not JsonObject entity
            || entity["PartitionKey"]?.GetValue<string>() is not { } pk || entity["RowKey"]?.GetValue<string>() is not { } rk)
        {
            return json;
        }
        var tenant = SensitiveColumns.TenantOf(pk);
        TenantKeyRing.TenantKeys? keys = null;
        foreach (var (column, value) in entity.ToList())
        {
            if (value is JsonValue v && v.TryGetValue<string>(out var plain) && !Envelope.IsSealedText(plain) && SensitiveColumns.IsSensitive(table, rk, column))
            {
                keys ??= await ring.ForWriteAsync(tenant, cancellationToken).ConfigureAwait(false);
                entity[column] = Envelope.SealText(keys.Current, keys.CurrentKey, plain, Envelope.AssociatedData(tenant, table, pk, rk, column));
            }
        }
        return keys is null ? json : entity.ToJsonString();
    }

    private async ValueTask OpenResponseAsync(HttpMessage message, CancellationToken cancellationToken)
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
        var bytes = body.ToArray();
        if (bytes.AsSpan().IndexOf(SealedMarker) < 0)
        {
            return;
        }
        var document = JsonNode.Parse(bytes);
        if (document?["value"] is JsonArray rows)
        {
            foreach (var row in rows)
            {
                if (row is JsonObject entity)
                {
                    await OpenEntityAsync(table, entity, null, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        else if (document is JsonObject single)
        {
            await OpenEntityAsync(table, single, KeysFromPath(message.Request.Uri.Path), cancellationToken).ConfigureAwait(false);
        }
        message.Response.ContentStream = new MemoryStream(Encoding.UTF8.GetBytes(document!.ToJsonString()));
    }

    private async ValueTask OpenEntityAsync(string table, JsonObject entity, (string Pk, string Rk)? fromPath, CancellationToken cancellationToken)
    {
        // A query that selects columns without the keys still gets them from a point read's URL; a value that cannot be
        // placed (no keys) stays sealed and fails loudly in the feature rather than decrypting under a guessed context.
        var pk = entity["PartitionKey"]?.GetValue<string>() ?? fromPath?.Pk;
        var rk = entity["RowKey"]?.GetValue<string>() ?? fromPath?.Rk;
        if (pk is null || rk is null)
        {
            return;
        }
        var tenant = SensitiveColumns.TenantOf(pk);
        foreach (var (column, value) in entity.ToList())
        {
            if (value is JsonValue v && v.TryGetValue<string>(out var text) && Envelope.IsSealedText(text))
            {
                var envelope = Convert.FromBase64String(text[Envelope.TextPrefix.Length..]);
                var key = await ring.ForReadAsync(tenant, Envelope.KeyVersion(envelope), cancellationToken).ConfigureAwait(false);
                entity[column] = Encoding.UTF8.GetString(Envelope.Open(key, envelope, Envelope.AssociatedData(tenant, table, pk, rk, column)));
            }
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
