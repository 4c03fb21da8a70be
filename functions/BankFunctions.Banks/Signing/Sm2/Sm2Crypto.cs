using System.Text;
using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.OpenSsl;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace BankFunctions.Banks.Signing.Sm2;

/// <summary>SM2 (GB/T 32918) signing with SM3 through BouncyCastle; keys as PEM (PKCS#8 / SubjectPublicKeyInfo, curve sm2p256v1).</summary>
public static class Sm2Crypto
{
    /// <summary>The GM/T 0009 default distinguishing id.</summary>
    public static readonly byte[] DefaultUserId = Encoding.ASCII.GetBytes("1234567812345678");

    private static readonly SecureRandom Random = new();

    /// <summary>SM3-with-SM2 over <paramref name="data"/>; returns r‖s, each left-padded to 32 bytes.</summary>
    public static byte[] Sign(ECPrivateKeyParameters key, byte[] userId, ReadOnlySpan<byte> data)
    {
        var signer = new SM2Signer(PlainDsaEncoding.Instance, new SM3Digest());
        signer.Init(true, new ParametersWithID(new ParametersWithRandom(key, Random), userId));
        signer.BlockUpdate(data);
        return signer.GenerateSignature();
    }

    public static bool Verify(ECPublicKeyParameters key, byte[] userId, ReadOnlySpan<byte> data, byte[] signature)
    {
        if (signature.Length != 64)
        {
            return false;
        }
        var verifier = new SM2Signer(PlainDsaEncoding.Instance, new SM3Digest());
        verifier.Init(false, new ParametersWithID(key, userId));
        verifier.BlockUpdate(data);
        return verifier.VerifySignature(signature);
    }

    public static AsymmetricCipherKeyPair GenerateKeyPair()
    {
        var domain = new ECNamedDomainParameters(GMObjectIdentifiers.sm2p256v1, GMNamedCurves.GetByOid(GMObjectIdentifiers.sm2p256v1));
        var generator = new ECKeyPairGenerator();
        generator.Init(new ECKeyGenerationParameters(domain, Random));
        return generator.GenerateKeyPair();
    }

    public static string ToPrivateKeyPem(ECPrivateKeyParameters key) =>
        Pem("PRIVATE KEY", PrivateKeyInfoFactory.CreatePrivateKeyInfo(key).GetDerEncoded());

    public static string ToPublicKeyPem(ECPublicKeyParameters key) =>
        Pem("PUBLIC KEY", SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(key).GetDerEncoded());

    public static ECPublicKeyParameters PublicKeyOf(ECPrivateKeyParameters key)
    {
        var q = key.Parameters.G.Multiply(key.D).Normalize();
        return new ECPublicKeyParameters(q, key.Parameters);
    }

    /// <summary>Reads "PRIVATE KEY" (PKCS#8) or "EC PRIVATE KEY" (SEC1) PEM.</summary>
    public static ECPrivateKeyParameters ReadPrivateKeyPem(string pem)
    {
        using var reader = new StringReader(pem);
        var obj = new PemReader(reader).ReadObject();
        return obj switch
        {
            ECPrivateKeyParameters k => k,
            AsymmetricCipherKeyPair { Private: ECPrivateKeyParameters k } => k,
            _ => throw new SigningException("The PEM does not hold an SM2/EC private key."),
        };
    }

    public static ECPublicKeyParameters ReadPublicKeyPem(string pem)
    {
        using var reader = new StringReader(pem);
        return new PemReader(reader).ReadObject() as ECPublicKeyParameters
            ?? throw new SigningException("The PEM does not hold an SM2/EC public key.");
    }

    private static string Pem(string label, byte[] der) =>
        $"-----BEGIN {label}-----\n{Convert.ToBase64String(der, Base64FormattingOptions.InsertLineBreaks).Replace("\r\n", "\n", StringComparison.Ordinal)}\n-----END {label}-----\n";
}
