using System.Diagnostics;
using System.Text;
using Azure.Core.Pipeline;
using BankFunctions.Banks.Signing;
using BankFunctions.Banks.Signing.KeyVault;
using BankFunctions.Banks.Tests.Fakes;
using Xunit;

namespace BankFunctions.Banks.Tests.Signing;

public sealed class KeyVaultSignerTests : IAsyncLifetime
{
    private readonly FakeTokenCredential _credential = new();
    private FakeKeyVault _vault = null!;
    private KeyVaultKeysClient _client = null!;

    public Task InitializeAsync()
    {
        _vault = new FakeKeyVault();
        var options = new KeyVaultClientOptions { Transport = new HttpClientTransport(TestCertificate.TrustingHandler()) };
        // A tiny computed back-off, so any wait measured below comes from the server's Retry-After.
        options.Retry.Delay = TimeSpan.FromMilliseconds(10);
        _client = new KeyVaultKeysClient(_vault.VaultUri, _credential, options);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _vault.DisposeAsync();

    private static readonly byte[] Data = Encoding.UTF8.GetBytes("<Document>pain.001 bytes, exactly as sent</Document>");

    [Theory]
    [InlineData(SigningKeyKind.Rsa2048, SignatureAlgorithms.PS256)]
    [InlineData(SigningKeyKind.Rsa2048, SignatureAlgorithms.RS256)]
    [InlineData(SigningKeyKind.EcP256, SignatureAlgorithms.ES256)]
    public async Task Signature_from_key_vault_verifies_with_openssl_against_the_get_key_pem(SigningKeyKind kind, string algorithm)
    {
        var store = new KeyVaultSigningKeyStore(_client);
        var key = await store.CreateKeyAsync("tenant-a/conn 1", kind, CancellationToken.None);
        var signer = store.GetSigner(key.KeyId, algorithm);

        var result = await signer.SignAsync(Data, CancellationToken.None);
        var pem = await signer.GetPublicKeyPemAsync(CancellationToken.None);

        Assert.Equal(key.PublicKeyPem, pem);
        Assert.Equal(algorithm, result.Algorithm);
        Assert.StartsWith(_vault.VaultUri.AbsoluteUri + "keys/bank-tenant-a-conn-1/", result.KeyId, StringComparison.Ordinal);
        var verified = algorithm == SignatureAlgorithms.ES256
            ? OpensslVerify.Es256(pem, Data, result.Signature)
            : OpensslVerify.Rsa(pem, Data, result.Signature, pss: algorithm == SignatureAlgorithms.PS256);
        Assert.True(verified.ExitCode == 0, verified.Stderr + verified.StdoutText);
        if (algorithm == SignatureAlgorithms.ES256)
        {
            Assert.Equal(64, result.Signature.Length);
        }

        var tampered = (byte[])Data.Clone();
        tampered[0] ^= 1;
        var rejected = algorithm == SignatureAlgorithms.ES256
            ? OpensslVerify.Es256(pem, tampered, result.Signature)
            : OpensslVerify.Rsa(pem, tampered, result.Signature, pss: algorithm == SignatureAlgorithms.PS256);
        Assert.NotEqual(0, rejected.ExitCode);
    }

    [Fact]
    public async Task Bearer_token_for_the_vault_scope_is_sent_on_every_call()
    {
        var store = new KeyVaultSigningKeyStore(_client);
        var key = await store.CreateKeyAsync("c1", SigningKeyKind.Rsa2048, CancellationToken.None);
        await store.GetSigner(key.KeyId, SignatureAlgorithms.PS256).SignAsync(Data, CancellationToken.None);

        Assert.Contains("https://vault.azure.net/.default", _credential.Scopes);
        Assert.Equal(2, _vault.AuthorizationHeaders.Count);
        Assert.All(_vault.AuthorizationHeaders, h => Assert.Equal("Bearer " + FakeTokenCredential.Token, h));
    }

    [Fact]
    public async Task Throttled_sign_is_retried_after_the_Retry_After_delay()
    {
        var store = new KeyVaultSigningKeyStore(_client);
        var key = await store.CreateKeyAsync("c2", SigningKeyKind.EcP256, CancellationToken.None);
        var signer = store.GetSigner(key.KeyId, SignatureAlgorithms.ES256);
        var signsBefore = _vault.Requests.Count(r => r.EndsWith("/sign", StringComparison.Ordinal));
        _vault.RetryAfterSeconds = 1;
        _vault.Throttle(2);

        var watch = Stopwatch.StartNew();
        var result = await signer.SignAsync(Data, CancellationToken.None);
        watch.Stop();

        var signs = _vault.Requests.Count(r => r.EndsWith("/sign", StringComparison.Ordinal)) - signsBefore;
        Assert.Equal(3, signs);
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(1.9), $"waited only {watch.Elapsed}");
        var verified = OpensslVerify.Es256(await signer.GetPublicKeyPemAsync(CancellationToken.None), Data, result.Signature);
        Assert.Equal(0, verified.ExitCode);
    }

    [Fact]
    public async Task Unknown_key_maps_to_a_signing_exception_without_the_token()
    {
        var signer = new KeyVaultSigner(_client, _vault.VaultUri.AbsoluteUri + "keys/missing/0123", SignatureAlgorithms.RS256);

        var error = await Assert.ThrowsAsync<SigningException>(() => signer.SignAsync(Data, CancellationToken.None));

        Assert.Equal(404, error.Status);
        Assert.Equal("KeyNotFound", error.ErrorCode);
        Assert.DoesNotContain(FakeTokenCredential.Token, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Key_id_parsing_requires_a_versioned_key()
    {
        var id = KeyVaultKeyId.Parse("https://v.vault.azure.net/keys/bank-c1/abc");
        Assert.Equal(("bank-c1", "abc"), (id.Name, id.Version));
        Assert.Throws<SigningException>(() => KeyVaultKeyId.Parse("https://v.vault.azure.net/keys/bank-c1"));
        Assert.Throws<SigningException>(() => new KeyVaultSigner(_client, "https://v.vault.azure.net/keys/a/b", SignatureAlgorithms.SM2SM3));
    }
}
