using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using BankFunctions.TestSupport;
using BankSim.Cmb;
using Org.BouncyCastle.Asn1;
using Xunit;

namespace BankSim.Tests;

/// <summary>BankSim against an independent implementation: openssl 3 makes and checks the signatures and ciphertexts.</summary>
[Collection(BankSimCollection.Name)]
public sealed class OpensslInteropTests(BankSimFixture sim)
{
    [Theory]
    [InlineData("PS256", "RSA", new[] { "-pkeyopt", "rsa_keygen_bits:2048" }, new[] { "-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:32" })]
    [InlineData("RS256", "RSA", new[] { "-pkeyopt", "rsa_keygen_bits:2048" }, new string[0])]
    [InlineData("ES256", "EC", new[] { "-pkeyopt", "ec_paramgen_curve:P-256" }, new string[0])]
    public async Task File_signed_by_openssl_is_accepted(string alg, string algorithm, string[] keyOptions, string[] signOptions)
    {
        var privatePem = Openssl.Checked(["genpkey", "-algorithm", algorithm, .. keyOptions]);
        using var key = new Openssl.TempFile(privatePem, ".pem");
        var publicPem = Encoding.ASCII.GetString(Openssl.Checked(["pkey", "-in", key.Path, "-pubout"]));
        var customerId = "O" + Guid.NewGuid().ToString("N")[..10];
        var iban = Ibans.Next();
        await sim.RegisterAsync(new { bank = "simbank-iso", customerId, keyId = "ossl", publicKeyPem = publicPem, accounts = new[] { new { account = iban, currency = "EUR", name = "X", balance = "1000.00" } } });

        var body = Pain001Builder.Build("MSG" + Guid.NewGuid().ToString("N")[..20], iban, [new("E2E-OSSL", 1m, "GB82WEST12345698765432")]);
        using var file = new Openssl.TempFile(body, ".xml");
        var signature = Openssl.Checked(["dgst", "-sha256", "-sign", key.Path, .. signOptions, file.Path]);

        using var request = new HttpRequestMessage(HttpMethod.Post, "iso/v1/payment-files") { Content = new ByteArrayContent(body) };
        request.Headers.Add("X-Customer-Id", customerId);
        request.Headers.Add("X-Key-Id", "ossl");
        request.Headers.Add("X-Signature-Alg", alg);
        request.Headers.Add("X-Signature", Convert.ToBase64String(signature));
        var response = await sim.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task Sm2_signature_made_by_openssl_with_distid_is_accepted_and_the_response_verifies_with_openssl()
    {
        var uid = "OS" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
        var account = "7559" + Random.Shared.NextInt64(10_000_000_000, 99_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var sm4 = Convert.FromHexString("0123456789ABCDEFFEDCBA9876543210");
        var privatePem = Openssl.Checked(["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:SM2"]);
        using var key = new Openssl.TempFile(privatePem, ".pem");
        var publicPem = Encoding.ASCII.GetString(Openssl.Checked(["pkey", "-in", key.Path, "-pubout"]));
        await sim.RegisterAsync(new { bank = "simbank-cmb", uid, sm4Key = Convert.ToHexString(sm4), sm2PublicKeyPem = publicPem, accounts = new[] { new { account, currency = "CNY", name = "开放测试", balance = "500.00" } } });

        var envelope = new JsonObject
        {
            ["request"] = new JsonObject { ["head"] = new JsonObject { ["funcode"] = "NTQACINF", ["reqid"] = "r1", ["userid"] = uid }, ["body"] = new JsonObject { ["ntqacinfx"] = new JsonArray(new JsonObject { ["accnbr"] = account }) } },
            ["signature"] = new JsonObject { ["sigtim"] = "20261122101500", ["sigdat"] = CmbCrypto.SigdatPlaceholder },
        };
        var userId = Encoding.ASCII.GetString(CmbCrypto.UserId(uid));
        using var canonical = new Openssl.TempFile(CmbCrypto.Canonical(envelope), ".txt");
        var der = Openssl.Checked(["pkeyutl", "-sign", "-inkey", key.Path, "-rawin", "-digest", "sm3", "-pkeyopt", $"distid:{userId}", "-in", canonical.Path]);
        envelope["signature"]!["sigdat"] = Convert.ToBase64String(DerToRaw(der));

        var data = CmbCrypto.Sm4(true, sm4, CmbCrypto.Iv(uid), Encoding.UTF8.GetBytes(envelope.ToJsonString()));
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["UID"] = uid, ["FUNCODE"] = "NTQACINF", ["ALG"] = "SM", ["DATA"] = Convert.ToBase64String(data) });
        var text = await (await sim.Client.PostAsync("cmb", form)).Content.ReadAsStringAsync();
        Assert.DoesNotContain("ErrMsg", text);

        // Decrypt with openssl too, then check the bank's signature with openssl.
        using var cipher = new Openssl.TempFile(Convert.FromBase64String(text), ".bin");
        var plain = Openssl.Checked(["enc", "-d", "-sm4-cbc", "-K", Convert.ToHexString(sm4), "-iv", Convert.ToHexString(CmbCrypto.Iv(uid)), "-in", cipher.Path]);
        var response = JsonNode.Parse(plain)!.AsObject();
        Assert.Equal("500.00", response["response"]!["body"]!["ntqacinfz"]![0]!["accblv"]!.GetValue<string>());
        var bankKeyPem = await sim.Client.GetStringAsync("_sim/banks/simbank-cmb/public-key");
        using var bankKey = new Openssl.TempFile(bankKeyPem, ".pem");
        using var signed = new Openssl.TempFile(CmbCrypto.Canonical(response), ".txt");
        using var sig = new Openssl.TempFile(RawToDer(Convert.FromBase64String(response["signature"]!["sigdat"]!.GetValue<string>())), ".sig");
        var verify = Openssl.Run(["pkeyutl", "-verify", "-pubin", "-inkey", bankKey.Path, "-rawin", "-digest", "sm3", "-pkeyopt", $"distid:{userId}", "-in", signed.Path, "-sigfile", sig.Path]);
        Assert.True(verify.ExitCode == 0, verify.StdoutText + verify.Stderr);
    }

    [Fact]
    public void Sm4_cbc_equals_openssl_for_the_same_key_and_iv()
    {
        var key = Convert.FromHexString("00112233445566778899AABBCCDDEEFF");
        var iv = CmbCrypto.Iv("N002463290");
        var plain = Encoding.UTF8.GetBytes("{\"request\":{\"head\":{\"funcode\":\"NTQACINF\"}},\"中文\":\"测试\"}");
        using var input = new Openssl.TempFile(plain, ".txt");
        var expected = Openssl.Checked(["enc", "-sm4-cbc", "-K", Convert.ToHexString(key), "-iv", Convert.ToHexString(iv), "-in", input.Path]);
        Assert.Equal(expected, CmbCrypto.Sm4(true, key, iv, plain));
        Assert.Equal(plain, CmbCrypto.Sm4(false, key, iv, expected));
    }

    private static byte[] DerToRaw(byte[] der)
    {
        var seq = (Asn1Sequence)Asn1Object.FromByteArray(der);
        return [.. Fixed(((DerInteger)seq[0]).PositiveValue.ToByteArrayUnsigned()), .. Fixed(((DerInteger)seq[1]).PositiveValue.ToByteArrayUnsigned())];
    }

    private static byte[] RawToDer(byte[] raw) =>
        new DerSequence(new DerInteger(new Org.BouncyCastle.Math.BigInteger(1, raw[..32])), new DerInteger(new Org.BouncyCastle.Math.BigInteger(1, raw[32..]))).GetEncoded();

    private static byte[] Fixed(byte[] value) => value.Length == 32 ? value : [.. new byte[32 - value.Length], .. value];
}
