namespace BankFunctions.Banks.Signing;

/// <summary>
/// Signs bytes with one key. Implementations: Key Vault (RSA/EC, the private key never leaves the vault),
/// SM2 (BouncyCastle, key from a file or a Key Vault secret) and a local key file for development.
/// </summary>
public interface ISigner
{
    /// <summary>Identifies the key towards the bank (X-Key-Id) and in audit: a Key Vault kid or a local key name.</summary>
    string KeyId { get; }

    /// <summary>One of <see cref="SignatureAlgorithms"/>.</summary>
    string Algorithm { get; }

    /// <summary>
    /// Signs <paramref name="data"/> (the whole message, not a digest; the signer hashes it as its algorithm requires).
    /// RSA signatures are PKCS#1 / PSS bytes; EC (ES256) and SM2 signatures are raw r‖s, each 32 bytes.
    /// </summary>
    Task<SignatureResult> SignAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken);

    /// <summary>The public key as a PEM SubjectPublicKeyInfo ("BEGIN PUBLIC KEY"), to register with the bank.</summary>
    Task<string> GetPublicKeyPemAsync(CancellationToken cancellationToken);
}

public sealed record SignatureResult(byte[] Signature, string Algorithm, string KeyId);

public static class SignatureAlgorithms
{
    /// <summary>RSASSA-PSS with SHA-256, MGF1 SHA-256, salt length 32 (JWA PS256).</summary>
    public const string PS256 = "PS256";

    /// <summary>RSASSA-PKCS1-v1_5 with SHA-256 (JWA RS256).</summary>
    public const string RS256 = "RS256";

    /// <summary>ECDSA P-256 with SHA-256 (JWA ES256); signature is raw r‖s (64 bytes), not DER.</summary>
    public const string ES256 = "ES256";

    /// <summary>SM2 signature with SM3 digest (GB/T 32918.2, GM/T 0009 user id); raw r‖s (64 bytes).</summary>
    public const string SM2SM3 = "SM2-SM3";

    public static bool IsKnown(string algorithm) => algorithm is PS256 or RS256 or ES256 or SM2SM3;
}
