namespace BankFunctions.Banks.Signing;

public enum SigningKeyKind
{
    Rsa2048,
    EcP256,
    Sm2,
}

/// <summary>A key created for a tenant's bank connection. The public key is what the bank registers.</summary>
public sealed record SigningKeyInfo(string KeyId, SigningKeyKind Kind, string PublicKeyPem);

/// <summary>Creates signing keys for bank connections and hands out signers for them.</summary>
public interface ISigningKeyStore
{
    Task<SigningKeyInfo> CreateKeyAsync(string connectionId, SigningKeyKind kind, CancellationToken cancellationToken);

    /// <summary>
    /// A signer for an existing key. <paramref name="algorithm"/> must suit the key (PS256/RS256 for RSA, ES256 for EC,
    /// SM2-SM3 for SM2). <paramref name="sm2UserId"/> is the SM2 distinguishing id (GM/T 0009); null means the
    /// standard default "1234567812345678". Banks fix their own (BANKS.md §B derives it from the UID).
    /// </summary>
    ISigner GetSigner(string keyId, string algorithm, byte[]? sm2UserId = null);
}

/// <summary>Signing failed; the message never contains tokens or key material.</summary>
public sealed class SigningException : Exception
{
    public SigningException(string message, int? status = null, string? errorCode = null, Exception? inner = null)
        : base(message, inner)
    {
        Status = status;
        ErrorCode = errorCode;
    }

    /// <summary>HTTP status from Key Vault, when the failure came from there.</summary>
    public int? Status { get; }

    /// <summary>Key Vault's error.code (e.g. "Forbidden", "KeyNotFound"), when present.</summary>
    public string? ErrorCode { get; }
}

public static class SigningKeyKinds
{
    public static void EnsureAlgorithmFits(SigningKeyKind kind, string algorithm)
    {
        var ok = kind switch
        {
            SigningKeyKind.Rsa2048 => algorithm is SignatureAlgorithms.PS256 or SignatureAlgorithms.RS256,
            SigningKeyKind.EcP256 => algorithm is SignatureAlgorithms.ES256,
            SigningKeyKind.Sm2 => algorithm is SignatureAlgorithms.SM2SM3,
            _ => false,
        };
        if (!ok)
        {
            throw new SigningException($"Algorithm {algorithm} does not fit a {kind} key.");
        }
    }
}
