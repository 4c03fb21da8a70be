using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using BankFunctions.Banks.Signing;
using BankFunctions.Banks.Signing.Sm2;
using InvalidCipherTextException = Org.BouncyCastle.Crypto.InvalidCipherTextException;
using DataLengthException = Org.BouncyCastle.Crypto.DataLengthException;
using Org.BouncyCastle.Crypto.Parameters;

namespace BankFunctions.Banks.Adapters.Cmb;

/// <summary>
/// Builds, signs, seals, opens and verifies CMB envelopes (BANKS.md §B). Used by the adapter for requests and by
/// anything that must play the bank's side (tests, BankSim) for responses; the rules are the same both ways.
/// </summary>
public static class CmbEnvelope
{
    public const string SigdatPlaceholder = "__signature_sigdat__";
    private static readonly TimeSpan BeijingOffset = TimeSpan.FromHours(8);

    /// <summary>{"request":{"head":{"funcode","reqid","userid"},"body":…},"signature":{…}} without the signature values yet.</summary>
    public static JsonObject Request(string funcode, string reqid, string uid, JsonObject body) => new()
    {
        ["request"] = new JsonObject
        {
            ["head"] = new JsonObject { ["funcode"] = funcode, ["reqid"] = reqid, ["userid"] = uid },
            ["body"] = body,
        },
    };

    /// <summary>
    /// The bytes that are signed: the envelope with sigdat = placeholder and without paltsigdat (the platform
    /// co-signature is made over sigdat afterwards, so it cannot be part of what sigdat covers).
    /// </summary>
    public static byte[] SignedBytes(JsonObject envelope)
    {
        var copy = (JsonObject)envelope.DeepClone();
        var signature = copy["signature"] as JsonObject ?? new JsonObject();
        signature.Remove("paltsigdat");
        signature["sigdat"] = SigdatPlaceholder;
        copy["signature"] = signature;
        return CmbCanonicalJson.Canonicalize(copy);
    }

    /// <summary>Signs the envelope in place: sigtim (Beijing time), sigdat = base64(r‖s); paltsigdat when a platform signer is given.</summary>
    /// <param name="signer">SM2 signer whose user id is <see cref="CmbCrypto.UserId"/> of the customer's UID.</param>
    public static async Task SignAsync(JsonObject envelope, ISigner signer, DateTimeOffset now, ISigner? platformSigner, CancellationToken cancellationToken)
    {
        if (signer.Algorithm != SignatureAlgorithms.SM2SM3)
        {
            throw new SigningException($"CMB envelopes are signed with SM2, not {signer.Algorithm}.");
        }
        envelope["signature"] = new JsonObject
        {
            ["sigtim"] = now.ToOffset(BeijingOffset).ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture),
            ["sigdat"] = SigdatPlaceholder,
        };
        var signed = await signer.SignAsync(SignedBytes(envelope), cancellationToken).ConfigureAwait(false);
        var sigdat = Convert.ToBase64String(signed.Signature);
        envelope["signature"]!["sigdat"] = sigdat;
        if (platformSigner is not null)
        {
            var co = await platformSigner.SignAsync(Encoding.UTF8.GetBytes(sigdat), cancellationToken).ConfigureAwait(false);
            envelope["signature"]!["paltsigdat"] = Convert.ToBase64String(co.Signature);
        }
    }

    public static bool Verify(JsonObject envelope, ECPublicKeyParameters publicKey, string uid)
    {
        var sigdat = envelope["signature"]?["sigdat"]?.GetValue<string>();
        if (string.IsNullOrEmpty(sigdat))
        {
            return false;
        }
        var signature = new byte[64];
        if (!Convert.TryFromBase64String(sigdat, signature, out var written) || written != 64)
        {
            return false;
        }
        return Sm2Crypto.Verify(publicKey, CmbCrypto.UserId(uid), SignedBytes(envelope), signature);
    }

    /// <summary>DATA field: base64(SM4-CBC(UTF-8 JSON)).</summary>
    public static string Seal(JsonObject envelope, byte[] sm4Key, string uid) => Seal(Encoding.UTF8.GetBytes(envelope.ToJsonString()), sm4Key, uid);

    /// <summary>DATA field of an envelope already serialized (a prepared file is sent as the exact bytes that were stored).</summary>
    public static string Seal(byte[] envelopeJson, byte[] sm4Key, string uid) =>
        Convert.ToBase64String(CmbCrypto.Sm4Encrypt(sm4Key, CmbCrypto.Iv(uid), envelopeJson));

    /// <summary>Decrypts a DATA value; null when it is not base64 or does not decrypt to JSON with this key.</summary>
    public static JsonObject? TryOpen(string data, byte[] sm4Key, string uid)
    {
        var trimmed = data.Trim();
        var buffer = new byte[trimmed.Length];
        if (trimmed.Length == 0 || !Convert.TryFromBase64String(trimmed, buffer, out var length))
        {
            return null;
        }
        try
        {
            var plain = CmbCrypto.Sm4Decrypt(sm4Key, CmbCrypto.Iv(uid), buffer.AsSpan(0, length).ToArray());
            return JsonNode.Parse(plain) as JsonObject;
        }
        catch (Exception e) when (e is InvalidCipherTextException or DataLengthException or System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>The bank answers errors that happen before decryption (bad signature, unknown UID) in plain text.</summary>
    public static bool IsPlainTextError(string responseText) =>
        responseText.Contains("ErrMsg", StringComparison.Ordinal) || responseText.Contains("CDCServer", StringComparison.Ordinal);

    /// <summary>Form fields of POST /cmb.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Form(string uid, string funcode, string data, string? platform)
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new("UID", uid), new("FUNCODE", funcode), new("ALG", "SM"), new("DATA", data),
        };
        if (!string.IsNullOrEmpty(platform))
        {
            form.Add(new("INSPLAT", platform));
        }
        return form;
    }
}
