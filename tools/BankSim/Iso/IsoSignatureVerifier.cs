using System.Security.Cryptography;

namespace BankSim.Iso;

/// <summary>
/// Checks X-Signature: base64 of a signature over SHA-256 of the exact body bytes, with the customer's registered
/// RSA (PS256, RS256) or EC P-256 (ES256) key. ES256 is accepted both as raw r‖s (JOSE, what Key Vault returns)
/// and DER (what openssl produces).
/// </summary>
public static class IsoSignatureVerifier
{
    public static bool Verify(string publicKeyPem, string algorithm, byte[] body, string signatureBase64)
    {
        byte[] signature;
        try
        {
            signature = Convert.FromBase64String(signatureBase64);
        }
        catch (FormatException)
        {
            return false;
        }
        var hash = SHA256.HashData(body);
        try
        {
            switch (algorithm)
            {
                case "PS256":
                case "RS256":
                {
                    using var rsa = RSA.Create();
                    rsa.ImportFromPem(publicKeyPem);
                    return rsa.VerifyHash(hash, signature, HashAlgorithmName.SHA256, algorithm == "PS256" ? RSASignaturePadding.Pss : RSASignaturePadding.Pkcs1);
                }
                case "ES256":
                {
                    using var ec = ECDsa.Create();
                    ec.ImportFromPem(publicKeyPem);
                    return signature.Length == 64
                        ? ec.VerifyHash(hash, signature, DSASignatureFormat.IeeeP1363FixedFieldConcatenation)
                        : ec.VerifyHash(hash, signature, DSASignatureFormat.Rfc3279DerSequence);
                }
                default:
                    return false;
            }
        }
        catch (CryptographicException)
        {
            return false;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
