using System.Security.Cryptography;
using System.Text;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.AuditTrail;

public sealed class AuditOptions
{
    public const string Section = "Audit";

    /// <summary>HMAC key (base64 or any string ≥ 32 chars) that seals audit rows. In Azure: a Key Vault reference.</summary>
    public string SealKey { get; set; } = "";
}

/// <summary>
/// Each audit row carries an HMAC-SHA256 over its content with a key storage never sees, so an edited row is
/// detected by /v1/audit/verify without serialising a tenant's writes through a chain head.
/// </summary>
public sealed class AuditSeal(AuditOptions options)
{
    private readonly byte[] _key = Encoding.UTF8.GetBytes(options.SealKey.Length >= 32
        ? options.SealKey
        : throw new InvalidOperationException("Audit__SealKey must be set to a random value of at least 32 characters."));

    /// <summary>The checkpoint key: derived from the seal key (HKDF, own label) so a checkpoint MAC is never a valid row seal.</summary>
    internal byte[] DeriveKey(string purpose) => HKDF.DeriveKey(HashAlgorithmName.SHA256, _key, 32, info: Encoding.UTF8.GetBytes(purpose));

    /// <summary>
    /// What the seal covers, fields separated by U+001F (which none of them contains in practice); the hash chain covers it
    /// too. A person's display name (issue #15) is appended only when there is one, so rows sealed before it existed verify.
    /// </summary>
    public static string Canonical(AuditRow row)
    {
        var canonical = string.Join('\u001f', row.PartitionKey, row.RowKey, row.AuditId, row.At.ToUnixTimeMilliseconds(), row.Actor, row.Action, row.Subject,
            row.Before ?? "", row.After ?? "", row.TraceId ?? "");
        return row.ActorName is null ? canonical : canonical + "\u001f" + row.ActorName;
    }

    public string Compute(AuditRow row) => Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(Canonical(row))));

    public bool Verify(AuditRow row) =>
        row.Seal is { Length: 64 } seal && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(seal), Encoding.ASCII.GetBytes(Compute(row)));
}
