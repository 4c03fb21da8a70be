using System.Text;
using BankFunctions.Banks.Signing;
using BankFunctions.Banks.Signing.Local;
using BankFunctions.Banks.Signing.Sm2;
using BankFunctions.TestSupport;
using Xunit;

namespace BankFunctions.Banks.Tests.Signing;

public sealed class LocalAndSm2SignerTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "bf-keys-" + Guid.NewGuid().ToString("N"));
    private static readonly byte[] Data = Encoding.UTF8.GetBytes("{\"request\":{\"head\":{\"funcode\":\"BB1PAYOP\"}}}");

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Theory]
    [InlineData(SigningKeyKind.Rsa2048, SignatureAlgorithms.PS256)]
    [InlineData(SigningKeyKind.Rsa2048, SignatureAlgorithms.RS256)]
    [InlineData(SigningKeyKind.EcP256, SignatureAlgorithms.ES256)]
    public async Task Local_signature_verifies_with_openssl(SigningKeyKind kind, string algorithm)
    {
        var store = new LocalSigningKeyStore(_folder);
        var key = await store.CreateKeyAsync("tenant/conn", kind, CancellationToken.None);
        var result = await store.GetSigner(key.KeyId, algorithm).SignAsync(Data, CancellationToken.None);

        var verified = algorithm == SignatureAlgorithms.ES256
            ? OpensslVerify.Es256(key.PublicKeyPem, Data, result.Signature)
            : OpensslVerify.Rsa(key.PublicKeyPem, Data, result.Signature, pss: algorithm == SignatureAlgorithms.PS256);
        Assert.True(verified.ExitCode == 0, verified.Stderr);
    }

    [Fact]
    public async Task Creating_an_existing_key_returns_it_instead_of_rotating()
    {
        var store = new LocalSigningKeyStore(_folder);
        var first = await store.CreateKeyAsync("c", SigningKeyKind.EcP256, CancellationToken.None);
        var second = await store.CreateKeyAsync("c", SigningKeyKind.EcP256, CancellationToken.None);
        Assert.Equal(first, second);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_folder, first.KeyId + ".pem")));
        }
        Assert.Throws<SigningException>(() => store.GetSigner(first.KeyId, SignatureAlgorithms.PS256));
    }

    [Fact]
    public async Task Sm2_signature_is_raw_r_s_and_verifies_with_openssl_using_the_user_id()
    {
        var store = new LocalSigningKeyStore(_folder);
        var key = await store.CreateKeyAsync("cmb-conn", SigningKeyKind.Sm2, CancellationToken.None);
        const string userId = "N002463558000000";
        var signer = store.GetSigner(key.KeyId, SignatureAlgorithms.SM2SM3, Encoding.ASCII.GetBytes(userId));

        var result = await signer.SignAsync(Data, CancellationToken.None);

        Assert.Equal(64, result.Signature.Length);
        Assert.Equal(key.PublicKeyPem, await signer.GetPublicKeyPemAsync(CancellationToken.None));
        var verified = OpensslVerify.Sm2(key.PublicKeyPem, Data, result.Signature, userId);
        Assert.True(verified.ExitCode == 0, verified.Stderr + verified.StdoutText);
        Assert.NotEqual(0, OpensslVerify.Sm2(key.PublicKeyPem, Data, result.Signature, "1234567812345678").ExitCode);
    }

    [Fact]
    public async Task Sm2_signer_reads_an_openssl_generated_key_and_openssl_verifies()
    {
        Directory.CreateDirectory(_folder);
        var path = Path.Combine(_folder, "openssl-sm2.pem");
        Openssl.Checked(["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:SM2", "-out", path]);
        var publicPem = Encoding.ASCII.GetString(Openssl.Checked(["pkey", "-in", path, "-pubout"]));
        var signer = new Sm2Signer(new PemFileSm2KeySource(path), "openssl-sm2");

        var result = await signer.SignAsync(Data, CancellationToken.None);

        var verified = OpensslVerify.Sm2(publicPem, Data, result.Signature, "1234567812345678");
        Assert.True(verified.ExitCode == 0, verified.Stderr);
        Assert.True(Sm2Crypto.Verify(Sm2Crypto.ReadPublicKeyPem(publicPem), Sm2Crypto.DefaultUserId, Data, result.Signature));
    }
}
