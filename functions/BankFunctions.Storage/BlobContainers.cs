namespace BankFunctions.Storage;

/// <summary>Every Blob container the system uses.</summary>
public static class BlobContainers
{
    /// <summary>Bank files and their signatures, byte for byte as sent (non-repudiation).</summary>
    public const string BankFiles = "bank-files";
    /// <summary>Raw statement files, pulled or imported.</summary>
    public const string Statements = "statements";
    /// <summary>E-receipts (PDF) fetched from banks.</summary>
    public const string Receipts = "receipts";
    /// <summary>Lease blobs that keep each timer on one instance at a time.</summary>
    public const string Locks = "locks";
    /// <summary>Sanctions lists the operator loaded for screening, platform-wide (one blob per source).</summary>
    public const string ScreeningLists = "screening-lists";

    /// <summary>
    /// Signed audit chain checkpoints, one write-once blob each ("&lt;tenant&gt;/&lt;sequence&gt;.json"); in Azure the container
    /// has a time-based retention (immutability) policy (infra/modules/storage.bicep), Azurite does not enforce it.
    /// </summary>
    public const string AuditCheckpoints = "audit-checkpoints";

    public static readonly IReadOnlyList<string> All = [BankFiles, Statements, Receipts, Locks, ScreeningLists, AuditCheckpoints];
}
