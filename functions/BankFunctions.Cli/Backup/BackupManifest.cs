using System.Text.Json;
using System.Text.Json.Serialization;

namespace BankFunctions.Cli.Backup;

/// <summary>
/// manifest.json, written last (a backup without one is incomplete). Every file of the backup is listed with its size
/// and SHA-256; blobs are listed with theirs in their container's index file, which the manifest lists in turn.
/// </summary>
public sealed record BackupManifest
{
    public const string FileName = "manifest.json";
    public const string CurrentFormat = "bankfunctions-backup/1";

    public string Format { get; init; } = CurrentFormat;
    /// <summary>The tenant backed up, or null for the whole account.</summary>
    public string? Tenant { get; init; }
    public DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset FinishedAt { get; init; }
    /// <summary>Rows written by someone else while the backup ran (Timestamp after its start): 0 = one point in time.</summary>
    public long RowsChangedDuringBackup { get; init; }
    public IReadOnlyList<BackupFile> Files { get; init; } = [];

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>One JSON value per line (blob index files).</summary>
    public static readonly JsonSerializerOptions Line = new(Json) { WriteIndented = false };
}

/// <summary>One file: a table's rows (gzip NDJSON, <see cref="EntityJson"/>) or a container's blob index.</summary>
/// <param name="Kind"><see cref="TableKind"/> or <see cref="BlobIndexKind"/>.</param>
/// <param name="Name">The table or container.</param>
/// <param name="Count">Rows of the table, or blobs in the index.</param>
public sealed record BackupFile(string Path, string Kind, string Name, long Count, long Bytes, string Sha256)
{
    public const string TableKind = "table";
    public const string BlobIndexKind = "blob-index";

    public static string TablePath(string table) => $"tables/{table}.ndjson.gz";
    public static string BlobIndexPath(string container) => $"blobs/{container}.index.ndjson.gz";
    public static string BlobPath(string container, string blob) => $"blobs/{container}/{blob}";
}

/// <summary>One line of a blob index: a blob copied byte for byte into <see cref="Path"/>, with its headers.</summary>
public sealed record BlobEntry(string Name, string Path, long Bytes, string Sha256, string? ContentType, IDictionary<string, string>? Metadata);
