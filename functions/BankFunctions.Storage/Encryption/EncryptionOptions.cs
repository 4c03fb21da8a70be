namespace BankFunctions.Storage.Encryption;

/// <summary>
/// Encryption at rest (issue #16), section <c>Encryption</c>. <see cref="Kek"/> picks who wraps the tenants' data keys:
/// "none" (off: rows and blobs are written in clear, old envelopes still need a KEK to read), "file" (a local key file,
/// for development and ./run.sh) or "keyvault" (a Key Vault RSA key, wrapKey/unwrapKey RSA-OAEP-256). See docs/ENCRYPTION.md.
/// </summary>
public sealed class EncryptionOptions
{
    public const string Section = "Encryption";

    public string Kek { get; set; } = "none";
    /// <summary>For "file": the key file (created with a first version when missing).</summary>
    public string? KeyFile { get; set; }
    /// <summary>For "keyvault": the key's identifier without version, e.g. https://v.vault.azure.net/keys/tenant-kek.</summary>
    public Uri? KeyVaultKeyId { get; set; }
    /// <summary>How long an unwrapped data key stays in memory before it is unwrapped again.</summary>
    public TimeSpan DataKeyCacheTime { get; set; } = TimeSpan.FromMinutes(15);

    public bool Enabled => !string.Equals(Kek, "none", StringComparison.OrdinalIgnoreCase);
}
