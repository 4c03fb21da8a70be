using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.AuditTrail;

/// <summary>
/// One signed point of a tenant's audit chain: rows 1..<see cref="Count"/> (in id order, the last one
/// <see cref="LastAuditId"/>) chain to <see cref="ChainHash"/>; <see cref="PreviousChainHash"/> is checkpoint n−1's.
/// </summary>
public sealed record AuditCheckpoint(string Tenant, long Sequence, string LastAuditId, long Count, string ChainHash, string PreviousChainHash, DateTimeOffset At)
{
    /// <summary>What the signature covers (version first, so a later format cannot be confused with this one).</summary>
    public string Canonical() => string.Join('\u001f', "audit-checkpoint-v1", Tenant, Sequence.ToString(CultureInfo.InvariantCulture), LastAuditId,
        Count.ToString(CultureInfo.InvariantCulture), ChainHash, PreviousChainHash, At.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));

    /// <summary>The blob of checkpoint <paramref name="sequence"/>: the tenant first (BackupScope's blob rule), then a sortable number.</summary>
    public static string BlobName(string tenant, long sequence) => $"{tenant}/{sequence.ToString("D10", CultureInfo.InvariantCulture)}.json";

    public AuditCheckpointRow ToRow(string rowKey, string signature) => new()
    {
        PartitionKey = Tenant, RowKey = rowKey, Sequence = Sequence, LastAuditId = LastAuditId, Count = Count, ChainHash = ChainHash,
        PreviousChainHash = PreviousChainHash, At = At, Signature = signature,
    };

    public static AuditCheckpoint FromRow(AuditCheckpointRow row) =>
        new(row.PartitionKey, row.Sequence, row.LastAuditId, row.Count, row.ChainHash, row.PreviousChainHash, row.At);
}

/// <summary>
/// Signs checkpoints with HMAC-SHA256 under a key derived (HKDF) from Audit:SealKey with its own label — a symmetric MAC,
/// not a public-key signature: whoever holds the seal key (the app, Key Vault) could sign, anyone without it cannot. What
/// stops the app itself from rewriting history is the blob's immutability (write once, no delete within the retention).
/// </summary>
public sealed class AuditCheckpointSigner(AuditSeal seal)
{
    public const string Algorithm = "HMAC-SHA256";
    private readonly byte[] _key = seal.DeriveKey("BankFunctions audit checkpoint v1");

    public string Sign(AuditCheckpoint checkpoint) => Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(checkpoint.Canonical())));

    public bool Verify(AuditCheckpoint checkpoint, string? signature) =>
        signature is { Length: 64 } && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(signature), Encoding.ASCII.GetBytes(Sign(checkpoint)));
}
