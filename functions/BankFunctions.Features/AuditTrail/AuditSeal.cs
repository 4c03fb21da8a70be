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

    public string Compute(AuditRow row)
    {
        var canonical = string.Join('\u001f', row.PartitionKey, row.RowKey, row.AuditId, row.At.ToUnixTimeMilliseconds(), row.Actor, row.Action, row.Subject,
            row.Before ?? "", row.After ?? "", row.TraceId ?? "");
        return Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(canonical)));
    }

    public bool Verify(AuditRow row) =>
        row.Seal is { Length: 64 } seal && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(seal), Encoding.ASCII.GetBytes(Compute(row)));
}
