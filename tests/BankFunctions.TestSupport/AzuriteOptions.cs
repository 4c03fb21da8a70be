namespace BankFunctions.TestSupport;

/// <summary>
/// How a bench wants its Azurite started when the defaults (what every test uses) do not hold its data. Azurite's table
/// service keeps every entity in one LokiJS collection in Node's heap, and on disk it re-serialises the whole database
/// into ONE JSON string every 5 s (autosave): past ~0.5 GB of entities that string exceeds V8's maximum string length
/// (2^29 − 24 characters) and the heap runs short of Node's default limit (~4 GB here), and Azurite dies.
/// </summary>
public sealed record AzuriteOptions
{
    /// <summary>The defaults: Node's own heap limit, data on disk (tmpfs when there is one).</summary>
    public static readonly AzuriteOptions Default = new();

    /// <summary>Node's old-space limit for this Azurite only (NODE_OPTIONS=--max-old-space-size), in MB; null keeps Node's default.</summary>
    public int? NodeHeapMegabytes { get; init; }

    /// <summary>
    /// --inMemoryPersistence: no autosave, so no whole-database JSON string. Only for table-heavy benches that send no
    /// queue messages (see <see cref="AzuriteFixture"/> on the queue garbage collection this makes quadratic).
    /// </summary>
    public bool InMemoryPersistence { get; init; }
}
