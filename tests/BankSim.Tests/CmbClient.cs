using System.Text;
using System.Text.Json.Nodes;
using BankSim.Cmb;
using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.OpenSsl;
using Org.BouncyCastle.Security;

namespace BankSim.Tests;

/// <summary>A registered simbank-cmb customer that builds, signs, encrypts and decrypts envelopes.</summary>
public sealed class CmbClient(BankSimFixture sim, string uid, byte[] sm4Key, AsymmetricKeyParameter privateKey)
{
    public string Uid => uid;
    public byte[] Sm4Key => sm4Key;

    public static async Task<CmbClient> CreateAsync(BankSimFixture sim, string behaviour = "approve", string balance = "100000.00", params string[] accounts)
    {
        var uid = "U" + Guid.NewGuid().ToString("N")[..11].ToUpperInvariant();
        var generator = new ECKeyPairGenerator();
        generator.Init(new ECKeyGenerationParameters(GMObjectIdentifiers.sm2p256v1, new SecureRandom()));
        var pair = generator.GenerateKeyPair();
        var key = new byte[16];
        System.Security.Cryptography.RandomNumberGenerator.Fill(key);
        await sim.RegisterAsync(new
        {
            bank = "simbank-cmb", uid, sm4Key = Convert.ToHexString(key), sm2PublicKeyPem = Pem(pair.Public), behaviour,
            accounts = accounts.Select(a => new { account = a, currency = "CNY", name = "测试公司 " + a[^4..], balance }).ToArray(),
        });
        return new CmbClient(sim, uid, key, pair.Private);
    }

    public static string Pem(object key)
    {
        using var writer = new StringWriter();
        var pem = new PemWriter(writer);
        pem.WriteObject(key);
        pem.Writer.Flush();
        return writer.ToString();
    }

    public JsonObject Envelope(string funcode, JsonObject body) => new()
    {
        ["request"] = new JsonObject { ["head"] = new JsonObject { ["funcode"] = funcode, ["reqid"] = Guid.NewGuid().ToString("N"), ["userid"] = uid }, ["body"] = body.DeepClone() },
        ["signature"] = new JsonObject { ["sigtim"] = DateTime.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture), ["sigdat"] = CmbCrypto.SigdatPlaceholder },
    };

    public JsonObject Sign(JsonObject envelope)
    {
        envelope["signature"]!["sigdat"] = Convert.ToBase64String(CmbCrypto.Sign(privateKey, CmbCrypto.UserId(uid), CmbCrypto.Canonical(envelope)));
        return envelope;
    }

    public async Task<string> PostRawAsync(string funcode, byte[] plainEnvelope)
    {
        var data = Convert.ToBase64String(CmbCrypto.Sm4(true, sm4Key, CmbCrypto.Iv(uid), plainEnvelope));
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["UID"] = uid, ["FUNCODE"] = funcode, ["ALG"] = "SM", ["DATA"] = data, ["INSPLAT"] = "BankFunctionsTest" });
        var response = await sim.Client.PostAsync("cmb", content);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Sends a signed request; returns the decrypted response envelope (throws on a plain-text error).</summary>
    public async Task<JsonObject> CallAsync(string funcode, JsonObject body)
    {
        var text = await PostRawAsync(funcode, Encoding.UTF8.GetBytes(Sign(Envelope(funcode, body)).ToJsonString()));
        return Decrypt(text);
    }

    public JsonObject Decrypt(string text)
    {
        if (text.Contains("ErrMsg", StringComparison.Ordinal))
        {
            throw new InvalidOperationException(text);
        }
        return JsonNode.Parse(CmbCrypto.Sm4(false, sm4Key, CmbCrypto.Iv(uid), Convert.FromBase64String(text)))!.AsObject();
    }

    public static JsonObject Payment(string yurRef, string debtor, string creditor, string amount) => new()
    {
        ["bb1paybmx1"] = new JsonArray(new JsonObject { ["busCod"] = "N02030", ["busMod"] = "00001" }),
        ["bb1payopx1"] = new JsonArray(new JsonObject
        {
            ["yurRef"] = yurRef, ["dbtAcc"] = debtor, ["crtAcc"] = creditor, ["crtNam"] = "深圳市供应商有限公司", ["crtBnk"] = "招商银行深圳分行",
            ["trsAmt"] = amount, ["ccyNbr"] = "10", ["nusAge"] = "货款", ["bnkFlg"] = "Y",
        }),
    };

    public async Task<JsonObject> WaitForFinalAsync(string yurRef)
    {
        for (var i = 0; i < 100; i++)
        {
            var r = await CallAsync("BB1PAYQR", new JsonObject { ["bb1payqrx1"] = new JsonArray(new JsonObject { ["yurRef"] = yurRef }) });
            var item = r["response"]!["body"]!["bb1payqrz1"]![0]!.AsObject();
            if (item["reqSts"]!.GetValue<string>() == "FIN")
            {
                return item;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException(yurRef);
    }
}
