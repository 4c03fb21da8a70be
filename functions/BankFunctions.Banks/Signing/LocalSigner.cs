using System.Security.Cryptography;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.OpenSsl;
using Org.BouncyCastle.Security;

namespace BankFunctions.Banks.Signing;

/// <summary>Signs with PKCS#8 PEM key files in a folder (the local key store of ./run.sh and the tests).</summary>
public sealed class LocalSigner(string keyFolder) : ISigner
{
    public Task<FileSignature> SignAsync(string keyId, string algorithm, byte[] data, byte[]? sm2UserId, CancellationToken cancellationToken)
    {
        var path = Path.Combine(keyFolder, keyId + ".pem");
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"Signing key {keyId} is not in the local key store.");
        }
        var pem = File.ReadAllText(path);
        byte[] signature = algorithm switch
        {
            "PS256" or "RS256" => SignRsa(pem, data, algorithm == "PS256" ? RSASignaturePadding.Pss : RSASignaturePadding.Pkcs1),
            "ES256" => SignEc(pem, data),
            "SM2" => SignSm2(pem, data, sm2UserId ?? throw new ArgumentException("SM2 needs a user id.", nameof(sm2UserId))),
            _ => throw new NotSupportedException($"Signature algorithm {algorithm} is not supported."),
        };
        return Task.FromResult(new FileSignature(signature, algorithm, keyId));
    }

    private static byte[] SignRsa(string pem, byte[] data, RSASignaturePadding padding)
    {
        using var rsa = RSA.Create();
        rsa.ImportFromPem(pem);
        return rsa.SignData(data, HashAlgorithmName.SHA256, padding);
    }

    private static byte[] SignEc(string pem, byte[] data)
    {
        using var ec = ECDsa.Create();
        ec.ImportFromPem(pem);
        return ec.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    private static byte[] SignSm2(string pem, byte[] data, byte[] userId)
    {
        using var reader = new StringReader(pem);
        var key = new PemReader(reader).ReadObject() switch
        {
            AsymmetricCipherKeyPair pair => pair.Private,
            AsymmetricKeyParameter k => k,
            _ => throw new InvalidOperationException("The key file does not hold an SM2 private key."),
        };
        return Sm2.Sign(key, userId, data);
    }
}

/// <summary>SM3-with-SM2 (GB/T 32918) through BouncyCastle, signatures as r‖s (32 + 32 bytes).</summary>
public static class Sm2
{
    public static byte[] Sign(AsymmetricKeyParameter privateKey, byte[] userId, byte[] message)
    {
        var signer = new SM2Signer(PlainDsaEncoding.Instance, new SM3Digest());
        signer.Init(true, new ParametersWithID(new ParametersWithRandom(privateKey, new SecureRandom()), userId));
        signer.BlockUpdate(message, 0, message.Length);
        return signer.GenerateSignature();
    }

    public static bool Verify(string publicKeyPem, byte[] userId, byte[] message, byte[] signature)
    {
        using var reader = new StringReader(publicKeyPem);
        if (new PemReader(reader).ReadObject() is not AsymmetricKeyParameter key)
        {
            return false;
        }
        var signer = new SM2Signer(PlainDsaEncoding.Instance, new SM3Digest());
        signer.Init(false, new ParametersWithID(key, userId));
        signer.BlockUpdate(message, 0, message.Length);
        return signer.VerifySignature(signature);
    }
}
