namespace BankFunctions.Banks.Signing;

/// <summary>A signature over one bank file, and what made it.</summary>
public sealed record FileSignature(byte[] Value, string Algorithm, string KeyId);

/// <summary>
/// Signs a bank file once (ARCHITECTURE.md §4: one signing operation per file, never per payment). Implementations:
/// <see cref="LocalSigner"/> (key files, ./run.sh and tests); a Key Vault signer in Azure (REST through Azure.Core).
/// </summary>
public interface ISigner
{
    /// <param name="algorithm">PS256, RS256, ES256 (raw r‖s, as JOSE and Key Vault return it) or SM2 (SM3-with-SM2, r‖s).</param>
    /// <param name="sm2UserId">The SM2 distinguishing identifier (only for SM2).</param>
    Task<FileSignature> SignAsync(string keyId, string algorithm, byte[] data, byte[]? sm2UserId, CancellationToken cancellationToken);
}
