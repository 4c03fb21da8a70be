using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.OpenSsl;
using Org.BouncyCastle.Security;

namespace BankSim.Cmb;

/// <summary>
/// The CMB-style envelope rules (BANKS.md §B): SM4-CBC/PKCS#7 with IV = first 16 bytes of UID + "000000"; SM3-with-SM2
/// signatures over the canonical envelope with user id = first 16 bytes of UID + "0000000000000000", as r‖s (32 + 32).
/// </summary>
public static class CmbCrypto
{
    public const string SigdatPlaceholder = "__signature_sigdat__";

    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, WriteIndented = false };

    /// <summary>
    /// First 16 bytes of UID + "000000". Real UIDs have at least 10 characters; a shorter one is padded with more '0'
    /// (the same bytes the rule gives for any UID of 10 or more).
    /// </summary>
    public static byte[] Iv(string uid) => Encoding.UTF8.GetBytes(uid + "0000000000000000")[..16];

    public static byte[] UserId(string uid) => Encoding.UTF8.GetBytes(uid + "0000000000000000")[..16];

    public static byte[] Sm4(bool encrypt, byte[] key, byte[] iv, byte[] data)
    {
        var cipher = CipherUtilities.GetCipher("SM4/CBC/PKCS7Padding");
        cipher.Init(encrypt, new ParametersWithIV(new KeyParameter(key), iv));
        return cipher.DoFinal(data);
    }

    /// <summary>
    /// The bytes that are signed: the envelope with sigdat set to the placeholder, every object's keys sorted
    /// ordinally, no insignificant whitespace, then every \n, \r and space removed.
    /// </summary>
    public static byte[] Canonical(JsonNode envelope)
    {
        var copy = Sort(envelope.DeepClone())!;
        if (copy["signature"] is JsonObject signature)
        {
            signature["sigdat"] = SigdatPlaceholder;
        }
        var text = copy.ToJsonString(Compact).Replace("\n", "", StringComparison.Ordinal).Replace("\r", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
        return Encoding.UTF8.GetBytes(text);
    }

    public static byte[] Sign(AsymmetricKeyParameter privateKey, byte[] userId, byte[] message)
    {
        var signer = new SM2Signer(PlainDsaEncoding.Instance, new SM3Digest());
        signer.Init(true, new ParametersWithID(new ParametersWithRandom(privateKey, new SecureRandom()), userId));
        signer.BlockUpdate(message, 0, message.Length);
        return signer.GenerateSignature();
    }

    public static bool Verify(AsymmetricKeyParameter publicKey, byte[] userId, byte[] message, byte[] signature)
    {
        var signer = new SM2Signer(signature.Length == 64 ? PlainDsaEncoding.Instance : StandardDsaEncoding.Instance, new SM3Digest());
        signer.Init(false, new ParametersWithID(publicKey, userId));
        signer.BlockUpdate(message, 0, message.Length);
        return signer.VerifySignature(signature);
    }

    public static AsymmetricKeyParameter ReadKey(string pem)
    {
        using var reader = new StringReader(pem);
        var obj = new PemReader(reader).ReadObject();
        return obj switch
        {
            AsymmetricCipherKeyPair pair => pair.Private,
            AsymmetricKeyParameter key => key,
            _ => throw new ArgumentException("not an SM2 key in PEM"),
        };
    }

    private static JsonNode? Sort(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Sort(p.Value?.DeepClone())))),
        JsonArray array => new JsonArray(array.Select(n => Sort(n?.DeepClone())).ToArray()),
        _ => node,
    };
}
