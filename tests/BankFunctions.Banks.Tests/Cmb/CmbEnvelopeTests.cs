using System.Text;
using System.Text.Json.Nodes;
using BankFunctions.Banks.Adapters.Cmb;
using BankFunctions.Banks.Signing;
using BankFunctions.Banks.Signing.Local;
using BankFunctions.Banks.Signing.Sm2;
using BankFunctions.Banks.Tests.Signing;
using BankFunctions.TestSupport;
using Xunit;

namespace BankFunctions.Banks.Tests.Cmb;

public sealed class CmbEnvelopeTests : IDisposable
{
    private const string Uid = "N002463558";
    private static readonly byte[] Sm4Key = Convert.FromHexString("0123456789ABCDEFFEDCBA9876543210");
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "bf-cmb-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public void Canonical_form_sorts_keys_recursively_and_deletes_spaces_and_newlines_everywhere()
    {
        var node = JsonNode.Parse("""
            {"signature": {"sigtim": "20261122101500", "sigdat": "__signature_sigdat__"},
             "request": {"head": {"userid": "N002463558", "funcode": "BB1PAYOP", "reqid": "r 1"},
                         "body": {"bb1payopx1": [{"yurRef": "P-1", "crtNam": "ACME Trading\nLtd", "trsAmt": "10.50", "crtBnk": "招商银行"}],
                                  "Zeta": 1, "alpha": 2.50}}}
            """);

        var canonical = CmbCanonicalJson.CanonicalString(node);

        Assert.Equal(
            """{"request":{"body":{"Zeta":1,"alpha":2.50,"bb1payopx1":[{"crtBnk":"招商银行","crtNam":"ACMETrading\nLtd","trsAmt":"10.50","yurRef":"P-1"}]},"head":{"funcode":"BB1PAYOP","reqid":"r1","userid":"N002463558"}},"signature":{"sigdat":"__signature_sigdat__","sigtim":"20261122101500"}}""",
            canonical);
    }

    [Fact]
    public void Sm4_cbc_matches_openssl_both_ways()
    {
        var plain = Encoding.UTF8.GetBytes("""{"request":{"head":{"funcode":"NTQACINF"}},"x":"招商银行 17 bytes+"}""");
        var iv = CmbCrypto.Iv(Uid);
        Assert.Equal("N002463558000000"u8.ToArray(), iv);
        using var input = new Openssl.TempFile(plain);

        var ours = CmbCrypto.Sm4Encrypt(Sm4Key, iv, plain);
        var theirs = Openssl.Checked(["enc", "-sm4-cbc", "-K", Convert.ToHexString(Sm4Key), "-iv", Convert.ToHexString(iv), "-in", input.Path]);

        Assert.Equal(theirs, ours);
        Assert.Equal(plain, CmbCrypto.Sm4Decrypt(Sm4Key, iv, theirs));
    }

    [Fact]
    public async Task Envelope_signature_verifies_with_openssl_using_the_uid_user_id()
    {
        var store = new LocalSigningKeyStore(_folder);
        var key = await store.CreateKeyAsync("cmb", SigningKeyKind.Sm2, CancellationToken.None);
        var signer = store.GetSigner(key.KeyId, SignatureAlgorithms.SM2SM3, CmbCrypto.UserId(Uid));
        var envelope = CmbEnvelope.Request("NTQACINF", "req-1", Uid, new JsonObject { ["ntqacinfx"] = new JsonArray(new JsonObject { ["accnbr"] = "755915678910101" }) });

        await CmbEnvelope.SignAsync(envelope, signer, new DateTimeOffset(2026, 11, 22, 2, 15, 0, TimeSpan.Zero), null, CancellationToken.None);

        Assert.Equal("20261122101500", envelope["signature"]!["sigtim"]!.GetValue<string>());
        var sigdat = Convert.FromBase64String(envelope["signature"]!["sigdat"]!.GetValue<string>());
        Assert.Equal(64, sigdat.Length);
        var signedBytes = CmbEnvelope.SignedBytes(envelope);
        Assert.Contains("\"sigdat\":\"__signature_sigdat__\"", Encoding.UTF8.GetString(signedBytes), StringComparison.Ordinal);
        var verified = OpensslVerify.Sm2(key.PublicKeyPem, signedBytes, sigdat, "N002463558000000");
        Assert.True(verified.ExitCode == 0, verified.Stderr);

        var publicKey = Sm2Crypto.ReadPublicKeyPem(key.PublicKeyPem);
        Assert.True(CmbEnvelope.Verify(envelope, publicKey, Uid));
        envelope["request"]!["body"]!["ntqacinfx"]![0]!["accnbr"] = "755915678910102";
        Assert.False(CmbEnvelope.Verify(envelope, publicKey, Uid));
    }

    [Fact]
    public void Sealed_data_opens_with_the_right_key_only_and_plain_text_errors_are_recognised()
    {
        var envelope = new JsonObject { ["response"] = new JsonObject { ["head"] = new JsonObject { ["resultcode"] = "SUC0000" } } };
        var data = CmbEnvelope.Seal(envelope, Sm4Key, Uid);

        Assert.Equal("SUC0000", CmbEnvelope.TryOpen(data, Sm4Key, Uid)!["response"]!["head"]!["resultcode"]!.GetValue<string>());
        Assert.Null(CmbEnvelope.TryOpen(data, Convert.FromHexString("00000000000000000000000000000000"), Uid));
        Assert.Null(CmbEnvelope.TryOpen("CDCServer: ErrMsg=签名验证失败", Sm4Key, Uid));
        Assert.True(CmbEnvelope.IsPlainTextError("CDCServer: ErrMsg=签名验证失败"));
        Assert.False(CmbEnvelope.IsPlainTextError(data));
    }

    [Fact]
    public async Task Platform_co_signature_covers_sigdat_and_stays_outside_the_signed_bytes()
    {
        var store = new LocalSigningKeyStore(_folder);
        var customer = await store.CreateKeyAsync("customer", SigningKeyKind.Sm2, CancellationToken.None);
        var platform = await store.CreateKeyAsync("platform", SigningKeyKind.Sm2, CancellationToken.None);
        var envelope = CmbEnvelope.Request("BB1PAYQR", "req-2", Uid, new JsonObject { ["bb1payqrx1"] = new JsonArray(new JsonObject { ["yurRef"] = "P-1" }) });

        await CmbEnvelope.SignAsync(
            envelope,
            store.GetSigner(customer.KeyId, SignatureAlgorithms.SM2SM3, CmbCrypto.UserId(Uid)),
            DateTimeOffset.UtcNow,
            store.GetSigner(platform.KeyId, SignatureAlgorithms.SM2SM3, CmbCrypto.UserId(Uid)),
            CancellationToken.None);

        var sigdat = envelope["signature"]!["sigdat"]!.GetValue<string>();
        var paltsigdat = Convert.FromBase64String(envelope["signature"]!["paltsigdat"]!.GetValue<string>());
        var verified = OpensslVerify.Sm2(platform.PublicKeyPem, Encoding.UTF8.GetBytes(sigdat), paltsigdat, "N002463558000000");
        Assert.True(verified.ExitCode == 0, verified.Stderr);
        Assert.DoesNotContain("paltsigdat", Encoding.UTF8.GetString(CmbEnvelope.SignedBytes(envelope)), StringComparison.Ordinal);
        Assert.True(CmbEnvelope.Verify(envelope, Sm2Crypto.ReadPublicKeyPem(customer.PublicKeyPem), Uid));
    }
}
