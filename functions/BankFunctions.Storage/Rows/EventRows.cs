namespace BankFunctions.Storage.Rows;

/// <summary>
/// The events of one audited change, committed in the change's transaction (PK = tenant, RK = "evp|" + audit id) and
/// removed by the sequencer in the transaction that numbers them. <see cref="Data0"/>… hold the gzipped JSON array of
/// the events (a stage moving 98 payments writes 98 payment views, more than one binary property's 64 KiB holds raw).
/// They copy payment and statement data, so with encryption at rest each part is sealed (docs/ENCRYPTION.md).
/// </summary>
public sealed class PendingEventRow : RowBase
{
    /// <summary>
    /// The most clear bytes one part holds: a binary property holds 64 KiB, and the table encryption policy seals each
    /// part into <see cref="Encryption.Envelope.BinaryOverhead"/> more bytes than it was given.
    /// </summary>
    public const int PartBytes = Guard.StorageLimits.MaxBinaryBytes - Encryption.Envelope.BinaryOverhead;

    /// <summary>How many parts a row has (<see cref="Data0"/> to <see cref="Data3"/>).</summary>
    public const int Parts = 4;

    public int Count { get; set; }
    public DateTimeOffset At { get; set; }
    public byte[]? Data0 { get; set; }
    public byte[]? Data1 { get; set; }
    public byte[]? Data2 { get; set; }
    public byte[]? Data3 { get; set; }
}

/// <summary>
/// Marks a pending row of an account's statement partition as handed to the tenant's pending set (PK = tenant,
/// RK = "evr|" + account + "|" + pending row key), added in the same transaction as the copy: a relay that crashed
/// before deleting the source finds it and only deletes, so the events are never numbered twice. Pruned with the feed.
/// </summary>
public sealed class EventRelayedRow : RowBase
{
    public DateTimeOffset At { get; set; }
}

/// <summary>One numbered event of the tenant's feed (PK = tenant, RK = "evt|" + sequence in 19 digits).</summary>
public sealed class EventFeedRow : RowBase
{
    public string EventId { get; set; } = "";
    public long Sequence { get; set; }
    public string Type { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>The resource the event is about (payment id, batch id, …): deliveries keep its order.</summary>
    public string ResourceId { get; set; } = "";
    /// <summary>The resource as the API returns it, JSON.</summary>
    public string Data { get; set; } = "";
}

/// <summary>The tenant's last sequence number given (PK = tenant, RK = "evctr"), moved only under its ETag.</summary>
public sealed class EventCounterRow : RowBase
{
    public long Last { get; set; }
}
