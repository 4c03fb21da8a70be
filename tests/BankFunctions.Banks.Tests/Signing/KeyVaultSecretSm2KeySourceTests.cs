using System.Text;
using Azure.Core.Pipeline;
using Azure.Security.KeyVault.Secrets;
using BankFunctions.Banks.Signing;
using BankFunctions.Banks.Signing.KeyVault;
using BankFunctions.Banks.Signing.Sm2;
using BankFunctions.Banks.Tests.Fakes;
using BankFunctions.TestSupport;
using Xunit;

namespace BankFunctions.Banks.Tests.Signing;

public sealed class KeyVaultSecretSm2KeySourceTests : IAsyncLifetime
{
    private FakeKeyVault _vault = null!;

    public Task InitializeAsync()
    {
        _vault = new FakeKeyVault();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _vault.DisposeAsync();

    private SecretClient Secrets() => new(_vault.VaultUri, new FakeTokenCredential(), new SecretClientOptions
    {
        Transport = new HttpClientTransport(TestCertificate.TrustingHandler()),
        // The fake's challenge names vault.azure.net while it listens on 127.0.0.1.
        DisableChallengeResourceVerification = true,
    });

    [Fact]
    public async Task Key_vault_store_creates_an_sm2_key_as_a_secret_once_and_signs_with_it_from_one_read()
    {
        var keys = new KeyVaultKeysClient(_vault.VaultUri, new FakeTokenCredential(), new KeyVaultClientOptions { Transport = new HttpClientTransport(TestCertificate.TrustingHandler()) });
        var store = new KeyVaultSigningKeyStore(keys, Secrets());

        var created = await store.CreateKeyAsync("t1-bc-01", SigningKeyKind.Sm2, CancellationToken.None);
        var again = await store.CreateKeyAsync("t1-bc-01", SigningKeyKind.Sm2, CancellationToken.None);
        var data = "canonical envelope bytes"u8.ToArray();
        var userId = Encoding.ASCII.GetBytes("N002463558000000");
        var first = await store.GetSigner(created.KeyId, SignatureAlgorithms.SM2SM3, userId).SignAsync(data, CancellationToken.None);
        var second = await store.GetSigner(created.KeyId, SignatureAlgorithms.SM2SM3, userId).SignAsync(data, CancellationToken.None);

        Assert.Equal("bank-t1-bc-01-sm2", created.KeyId);
        Assert.Equal(created, again); // a retried onboarding keeps the key the bank registered
        Assert.Contains("BEGIN PRIVATE KEY", _vault.Secrets[created.KeyId], StringComparison.Ordinal);
        Assert.Equal(0, OpensslVerify.Sm2(created.PublicKeyPem, data, first.Signature, "N002463558000000").ExitCode);
        Assert.Equal(0, OpensslVerify.Sm2(created.PublicKeyPem, data, second.Signature, "N002463558000000").ExitCode);
        // One set, then reads: the two creates read it, the signer reads it once for both signatures.
        Assert.Equal(1, _vault.AuthenticatedRequests.Count(r => r.StartsWith("PUT /secrets/", StringComparison.Ordinal)));
        Assert.Equal(3, _vault.AuthenticatedRequests.Count(r => r.StartsWith("GET /secrets/", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Sm2_key_kept_as_a_secret_signs_and_openssl_verifies_and_is_fetched_once()
    {
        var path = Path.Combine(Path.GetTempPath(), "bf-sm2-" + Guid.NewGuid().ToString("N") + ".pem");
        try
        {
            Openssl.Checked(["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:SM2", "-out", path]);
            _vault.Secrets["cmb-sm2"] = await File.ReadAllTextAsync(path);
            var publicPem = Encoding.ASCII.GetString(Openssl.Checked(["pkey", "-in", path, "-pubout"]));
            var options = new SecretClientOptions
            {
                Transport = new HttpClientTransport(TestCertificate.TrustingHandler()),
                // The fake's challenge names vault.azure.net while it listens on 127.0.0.1.
                DisableChallengeResourceVerification = true,
            };
            var secrets = new SecretClient(_vault.VaultUri, new FakeTokenCredential(), options);
            var signer = new Sm2Signer(new KeyVaultSecretSm2KeySource(secrets, "cmb-sm2"), "cmb-sm2", Encoding.ASCII.GetBytes("N002463558000000"));
            var data = "canonical envelope bytes"u8.ToArray();

            var first = await signer.SignAsync(data, CancellationToken.None);
            var second = await signer.SignAsync(data, CancellationToken.None);

            var verified = OpensslVerify.Sm2(publicPem, data, first.Signature, "N002463558000000");
            Assert.True(verified.ExitCode == 0, verified.Stderr);
            Assert.Equal(0, OpensslVerify.Sm2(publicPem, data, second.Signature, "N002463558000000").ExitCode);
            Assert.Equal(["GET /secrets/cmb-sm2"], _vault.AuthenticatedRequests.Select(r => r.TrimEnd('/')));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
