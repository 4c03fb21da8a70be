using System.Security.Cryptography;

namespace BankFunctions.Banks.Signing.Local;

/// <summary>RSA / EC P-256 signing with a PEM key file, for ./run.sh and tests. ES256 output is raw r‖s like Key Vault's.</summary>
public sealed class LocalSigner : ISigner
{
    private readonly string _pemPath;

    public LocalSigner(string keyId, string pemPath, string algorithm)
    {
        if (algorithm is not (SignatureAlgorithms.PS256 or SignatureAlgorithms.RS256 or SignatureAlgorithms.ES256))
        {
            throw new SigningException($"Local signer does not support {algorithm}.");
        }
        KeyId = keyId;
        _pemPath = pemPath;
        Algorithm = algorithm;
    }

    public string KeyId { get; }

    public string Algorithm { get; }

    public async Task<SignatureResult> SignAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        var pem = await File.ReadAllTextAsync(_pemPath, cancellationToken).ConfigureAwait(false);
        byte[] signature;
        if (Algorithm == SignatureAlgorithms.ES256)
        {
            using var ec = ECDsa.Create();
            ec.ImportFromPem(pem);
            signature = ec.SignData(data.Span, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
        else
        {
            using var rsa = RSA.Create();
            rsa.ImportFromPem(pem);
            // .NET's PSS uses salt length = digest length (32), as JWA PS256 requires.
            var padding = Algorithm == SignatureAlgorithms.PS256 ? RSASignaturePadding.Pss : RSASignaturePadding.Pkcs1;
            signature = rsa.SignData(data.Span, HashAlgorithmName.SHA256, padding);
        }
        return new SignatureResult(signature, Algorithm, KeyId);
    }

    public async Task<string> GetPublicKeyPemAsync(CancellationToken cancellationToken)
    {
        var pem = await File.ReadAllTextAsync(_pemPath, cancellationToken).ConfigureAwait(false);
        if (Algorithm == SignatureAlgorithms.ES256)
        {
            using var ec = ECDsa.Create();
            ec.ImportFromPem(pem);
            return ec.ExportSubjectPublicKeyInfoPem();
        }
        using var rsa = RSA.Create();
        rsa.ImportFromPem(pem);
        return rsa.ExportSubjectPublicKeyInfoPem();
    }
}
