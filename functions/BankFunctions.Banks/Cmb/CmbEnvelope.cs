using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;

namespace BankFunctions.Banks.Cmb;

/// <summary>
/// The CMB-style cloud direct-connect envelope (BANKS.md §B), gateway side: request envelope, its canonical signing
/// bytes, SM4-CBC transport encryption and the response signature check.
/// </summary>
public static class CmbEnvelope
{
    public const string SigdatPlaceholder = "__signature_sigdat__";
    private static readonly JsonSerializerOptions Canonical = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>IV = first 16 bytes of UID + "000000" (padded further for UIDs shorter than 10 characters).</summary>
    public static byte[] Iv(string uid) => Encoding.UTF8.GetBytes(uid + "0000000000000000")[..16];

    /// <summary>SM2 user id = first 16 bytes of UID + "0000000000000000".</summary>
    public static byte[] UserId(string uid) => Encoding.UTF8.GetBytes(uid + "0000000000000000")[..16];

    public static JsonObject Request(string funcode, string uid, string reqId, JsonObject body, DateTimeOffset now) => new()
    {
        ["request"] = new JsonObject { ["head"] = new JsonObject { ["funcode"] = funcode, ["reqid"] = reqId, ["userid"] = uid }, ["body"] = body },
        ["signature"] = new JsonObject
        {
            // The bank's clock is Beijing time.
            ["sigtim"] = now.ToOffset(TimeSpan.FromHours(8)).ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture),
            ["sigdat"] = SigdatPlaceholder,
        },
    };

    /// <summary>sigdat → placeholder, keys sorted (ordinal) at every level, compact, then every \n, \r and space removed.</summary>
    public static byte[] SigningBytes(JsonObject envelope)
    {
        var copy = Sorted(envelope)!.AsObject();
        if (copy["signature"] is JsonObject signature)
        {
            signature["sigdat"] = SigdatPlaceholder;
        }
        var text = copy.ToJsonString(Canonical);
        return Encoding.UTF8.GetBytes(text.Replace("\n", "", StringComparison.Ordinal).Replace("\r", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal));
    }

    public static byte[] Encrypt(byte[] sm4Key, string uid, byte[] plain) => Sm4(true, sm4Key, uid, plain);

    public static byte[] Decrypt(byte[] sm4Key, string uid, byte[] cipher) => Sm4(false, sm4Key, uid, cipher);

    private static byte[] Sm4(bool encrypt, byte[] key, string uid, byte[] data)
    {
        var cipher = CipherUtilities.GetCipher("SM4/CBC/PKCS7Padding");
        cipher.Init(encrypt, new ParametersWithIV(new KeyParameter(key), Iv(uid)));
        return cipher.DoFinal(data);
    }

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray a => new JsonArray(a.Select(Sorted).ToArray()),
        null => null,
        _ => node.DeepClone(),
    };
}
