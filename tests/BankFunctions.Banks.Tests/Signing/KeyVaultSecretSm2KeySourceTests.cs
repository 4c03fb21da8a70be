using System.Text;
using Azure.Core.Pipeline;
using Azure.Security.KeyVault.Secrets;
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
