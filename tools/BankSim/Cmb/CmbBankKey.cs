using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.OpenSsl;
using Org.BouncyCastle.Security;

namespace BankSim.Cmb;

/// <summary>The bank's own SM2 key that signs every response (published at GET /_sim/banks/simbank-cmb/public-key).</summary>
public sealed class CmbBankKey
{
    public CmbBankKey()
    {
        var generator = new ECKeyPairGenerator();
        generator.Init(new ECKeyGenerationParameters(GMObjectIdentifiers.sm2p256v1, new SecureRandom()));
        var pair = generator.GenerateKeyPair();
        Private = pair.Private;
        using var writer = new StringWriter();
        var pem = new PemWriter(writer);
        pem.WriteObject(pair.Public);
        pem.Writer.Flush();
        PublicKeyPem = writer.ToString();
    }

    public AsymmetricKeyParameter Private { get; }
    public string PublicKeyPem { get; }
}
