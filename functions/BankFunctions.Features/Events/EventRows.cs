using System.IO.Compression;
using System.Text.Json;
using BankFunctions.Domain.Ids;
using BankFunctions.Features.Http;
using BankFunctions.Storage;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Events;

/// <summary>One event as every client sees it: in the feed, in a webhook body and in the OpenAPI webhooks section.</summary>
public sealed record EventView(string Id, long Sequence, string Type, DateTimeOffset CreatedAt, string TenantId, JsonElement Data);

/// <summary>
/// The rows of the event pipeline: the unsequenced row that commits with a change (gzipped JSON, split over the
/// binary properties of <see cref="PendingEventRow"/>), and the numbered feed row the sequencer makes of each event.
/// </summary>
public static class EventRows
{
    /// <summary>An event as it waits in its pending row: its id is fixed here, so a redelivered webhook keeps it.</summary>
    public sealed record Pending(string Id, string Type, string ResourceId, DateTimeOffset CreatedAt, JsonElement Data);

    public static PendingEventRow PendingRow(string tenantId, string auditId, IReadOnlyList<EventDraft> drafts, DateTimeOffset now) =>
        PendingRow(tenantId, auditId, Drafted(drafts, now), now);

    public static PendingEventRow PendingRow(string tenantId, string auditId, IReadOnlyList<Pending> events, DateTimeOffset now) =>
        PendingRowIn(TableKeys.TenantPartition(tenantId), TableKeys.EventPendingRow(auditId), events, now);

    /// <summary>
    /// The pending row of a change outside the tenant partition (an account's statement partition, see
    /// <see cref="AccountEvents"/>): its own time-ordered key, since no audit row names it.
    /// </summary>
    public static PendingEventRow PendingRowIn(string partitionKey, IReadOnlyList<EventDraft> drafts, DateTimeOffset now) =>
        PendingRowIn(partitionKey, TableKeys.EventPendingRow(TimeOrderedId.New("", now)), Drafted(drafts, now), now);

    private static List<Pending> Drafted(IReadOnlyList<EventDraft> drafts, DateTimeOffset now) =>
        drafts.Select(d => new Pending(TimeOrderedId.New("evt_", now), d.Type, d.ResourceId, now, JsonSerializer.SerializeToElement(d.Data, ApiJson.Options))).ToList();

    public static PendingEventRow PendingRowIn(string partitionKey, string rowKey, IReadOnlyList<Pending> events, DateTimeOffset now)
    {
        var zipped = Zip(JsonSerializer.SerializeToUtf8Bytes(events, ApiJson.Options));
        // Parts of PendingEventRow.PartBytes, not 64 KiB: each part must still fit a binary property once the storage
        // layer has sealed it (encryption at rest adds a few bytes per part).
        var parts = zipped.Chunk(PendingEventRow.PartBytes).ToList();
        if (parts.Count > PendingEventRow.Parts)
        {
            throw new InvalidOperationException(
                $"The events of one change take {zipped.Length} bytes compressed; a pending row holds {PendingEventRow.Parts * PendingEventRow.PartBytes}.");
        }
        return new PendingEventRow
        {
            PartitionKey = partitionKey,
            RowKey = rowKey,
            Count = events.Count,
            At = now,
            Data0 = parts.ElementAtOrDefault(0),
            Data1 = parts.ElementAtOrDefault(1),
            Data2 = parts.ElementAtOrDefault(2),
            Data3 = parts.ElementAtOrDefault(3),
        };
    }

    public static IReadOnlyList<Pending> Read(PendingEventRow row)
    {
        var zipped = new[] { row.Data0, row.Data1, row.Data2, row.Data3 }.Where(p => p is not null).SelectMany(p => p!).ToArray();
        return JsonSerializer.Deserialize<List<Pending>>(Unzip(zipped), ApiJson.Options) ?? [];
    }

    public static EventFeedRow FeedRow(string tenantId, long sequence, Pending e) => new()
    {
        PartitionKey = TableKeys.TenantPartition(tenantId),
        RowKey = TableKeys.EventFeedRow(sequence),
        EventId = e.Id,
        Sequence = sequence,
        Type = e.Type,
        CreatedAt = e.CreatedAt,
        ResourceId = e.ResourceId,
        Data = e.Data.GetRawText(),
    };

    public static EventView View(EventFeedRow row) =>
        new(row.EventId, row.Sequence, row.Type, row.CreatedAt, row.PartitionKey, JsonDocument.Parse(row.Data).RootElement.Clone());

    private static byte[] Zip(byte[] raw)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(raw);
        }
        return output.ToArray();
    }

    private static byte[] Unzip(byte[] zipped)
    {
        using var input = new GZipStream(new MemoryStream(zipped), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }
}
