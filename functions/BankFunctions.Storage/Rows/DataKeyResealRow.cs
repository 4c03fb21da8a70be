namespace BankFunctions.Storage.Rows;

/// <summary>
/// A tenant's re-seal under its newest data key (PK = tenant, RK = <see cref="TableKeys.DataKeyResealRow"/>): the newest
/// job, where its pass has got to and what it counted. Each page moves it on under its ETag, so a page handled twice
/// counts once (docs/ENCRYPTION.md "Rotation").
/// </summary>
public sealed class DataKeyResealRow : RowBase
{
    public string JobId { get; set; } = "";
    /// <summary>running, completed or failed.</summary>
    public string State { get; set; } = "";
    /// <summary>The tenant's newest data key version when the job started.</summary>
    public int TargetVersion { get; set; }
    public string StartedBy { get; set; } = "";
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    /// <summary>The page the next message must carry to be handled; pages before it are done.</summary>
    public int NextPage { get; set; }
    /// <summary>Index of the store the next page reads (DataKeyReseal.Stores).</summary>
    public int Stage { get; set; }
    /// <summary>The continuation token of the next page within its store; null: the store's first page.</summary>
    public string? Continuation { get; set; }
    /// <summary>JSON: per store, rows or blobs scanned, rewritten and skipped because they changed meanwhile.</summary>
    public string Progress { get; set; } = "{}";
    /// <summary>The oldest data key version the pass left in place so far; null while nothing sealed was seen.</summary>
    public int? OldestVersionSeen { get; set; }
    public string? Failure { get; set; }
}
