using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using BankFunctions.Banks.Cmb;
using BankFunctions.Banks.Signing;
using BankFunctions.TestSupport;
using Org.BouncyCastle.Asn1;
using Xunit;

namespace BankFunctions.Banks.Tests;

/// <summary>Every signature the gateway makes is checked by openssl 3, an independent implementation.</summary>
public sealed class LocalSignerTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "bf-signer-" + Guid.NewGuid().ToString("N"));
    private static readonly byte[] Data = Encoding.UTF8.GetBytes("<Document>pain.001 bytes exactly as sent</Document>");

    public LocalSignerTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, true);

    private string Key(string name, string algorithm, params string[] options)
    {
        var pem = Openssl.Checked(["genpkey", "-algorithm", algorithm, .. options]);
        File.WriteAllBytes(Path.Combine(_folder, name + ".pem"), pem);
        return Encoding.ASCII.GetString(Openssl.Checked(["pkey", "-in", Path.Combine(_folder, name + ".pem"), "-pubout"]));
    }

    [Theory]
    [InlineData("PS256", new[] { "-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:32" })]
    [InlineData("RS256", new string[0])]
    public async Task Rsa_signatures_verify_with_openssl(string alg, string[] verifyOptions)
    {
        var publicPem = Key("rsa", "RSA", "-pkeyopt", "rsa_keygen_bits:2048");
        var signature = await new LocalSigner(_folder).SignAsync("rsa", alg, Data, null, default);
        Assert.True(VerifyWithOpenssl(publicPem, signature.Value, ["-sha256", .. verifyOptions]));
        Assert.False(VerifyWithOpenssl(publicPem, signature.Value, ["-sha256", .. verifyOptions], tamper: true));
    }

    [Fact]
    public async Task Es256_is_raw_r_s_and_verifies_with_openssl_as_der()
    {
        var publicPem = Key("ec", "EC", "-pkeyopt", "ec_paramgen_curve:P-256");
        var signature = await new LocalSigner(_folder).SignAsync("ec", "ES256", Data, null, default);
        Assert.Equal(64, signature.Value.Length);
        Assert.True(VerifyWithOpenssl(publicPem, RawToDer(signature.Value), ["-sha256"]));
    }

    [Fact]
    public async Task Sm2_with_user_id_verifies_with_openssl_distid()
    {
        var publicPem = Key("sm2", "EC", "-pkeyopt", "ec_paramgen_curve:SM2");
        var userId = CmbEnvelope.UserId("N002463290");
        var signature = await new LocalSigner(_folder).SignAsync("sm2", "SM2", Data, userId, default);
        Assert.Equal(64, signature.Value.Length);
        using var key = new Openssl.TempFile(publicPem, ".pem");
        using var data = new Openssl.TempFile(Data, ".bin");
        using var sig = new Openssl.TempFile(RawToDer(signature.Value), ".sig");
        var result = Openssl.Run(["pkeyutl", "-verify", "-pubin", "-inkey", key.Path, "-rawin", "-digest", "sm3", "-pkeyopt", "distid:" + Encoding.ASCII.GetString(userId), "-in", data.Path, "-sigfile", sig.Path]);
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.True(Sm2.Verify(publicPem, userId, Data, signature.Value));
        Assert.False(Sm2.Verify(publicPem, CmbEnvelope.UserId("OTHERUID00"), Data, signature.Value));
    }

    [Fact]
    public async Task Missing_key_is_a_clear_error() =>
        await Assert.ThrowsAsync<InvalidOperationException>(() => new LocalSigner(_folder).SignAsync("nope", "PS256", Data, null, default));

    private static bool VerifyWithOpenssl(string publicPem, byte[] signature, string[] options, bool tamper = false)
    {
        using var key = new Openssl.TempFile(publicPem, ".pem");
        using var data = new Openssl.TempFile(tamper ? [.. Data, 0x20] : Data, ".bin");
        using var sig = new Openssl.TempFile(signature, ".sig");
        return Openssl.Run(["dgst", .. options, "-verify", key.Path, "-signature", sig.Path, data.Path]).ExitCode == 0;
    }

    private static byte[] RawToDer(byte[] raw) =>
        new DerSequence(new DerInteger(new Org.BouncyCastle.Math.BigInteger(1, raw[..32])), new DerInteger(new Org.BouncyCastle.Math.BigInteger(1, raw[32..]))).GetEncoded();
}

public sealed class CmbEnvelopeTests
{
    [Fact]
    public void Canonical_bytes_sort_keys_replace_sigdat_and_drop_whitespace()
    {
        var envelope = JsonNode.Parse("""
            {"signature":{"sigtim":"20261122101500","sigdat":"abc"},
             "request":{"head":{"userid":"U1","funcode":"BB1PAYOP","reqid":"r 1"},"body":{"z":[{"b":"两 个","a":"x\ny"}],"a":1}}}
            """)!.AsObject();
        var canonical = Encoding.UTF8.GetString(CmbEnvelope.SigningBytes(envelope));
        Assert.Equal("""{"request":{"body":{"a":1,"z":[{"a":"x\ny","b":"两个"}]},"head":{"funcode":"BB1PAYOP","reqid":"r1","userid":"U1"}},"signature":{"sigdat":"__signature_sigdat__","sigtim":"20261122101500"}}""".Replace("\\n", "\\n", StringComparison.Ordinal), canonical);
        // The original is untouched.
        Assert.Equal("abc", envelope["signature"]!["sigdat"]!.GetValue<string>());
    }

    [Fact]
    public void Sm4_round_trip_and_equals_openssl()
    {
        var key = RandomNumberGenerator.GetBytes(16);
        var plain = Encoding.UTF8.GetBytes("{\"中文\":\"测试\"}");
        var cipher = CmbEnvelope.Encrypt(key, "N002463290", plain);
        using var input = new Openssl.TempFile(plain, ".txt");
        Assert.Equal(Openssl.Checked(["enc", "-sm4-cbc", "-K", Convert.ToHexString(key), "-iv", Convert.ToHexString(CmbEnvelope.Iv("N002463290")), "-in", input.Path]), cipher);
        Assert.Equal(plain, CmbEnvelope.Decrypt(key, "N002463290", cipher));
    }

    [Fact]
    public void Iv_and_user_id_follow_the_uid_rules()
    {
        Assert.Equal("N0024632900000000"[..16], Encoding.ASCII.GetString(CmbEnvelope.Iv("N002463290")));
        Assert.Equal("N002463290000000", Encoding.ASCII.GetString(CmbEnvelope.UserId("N002463290")));
        Assert.Equal("ABCDEFGHIJKLMNOP", Encoding.ASCII.GetString(CmbEnvelope.UserId("ABCDEFGHIJKLMNOPQRS")));
    }
}
