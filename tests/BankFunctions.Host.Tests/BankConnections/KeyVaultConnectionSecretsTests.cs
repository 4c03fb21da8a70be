using Azure.Core.Pipeline;
using Azure.Security.KeyVault.Secrets;
using BankFunctions.Banks.Tests.Fakes;
using BankFunctions.Features.BankConnections;

namespace BankFunctions.Host.Tests.BankConnections;

/// <summary>The CMB SM4 key in Azure: a Key Vault secret (against the in-process fake of the secrets REST contract).</summary>
public sealed class KeyVaultConnectionSecretsTests
{
    private static SecretClient Client(FakeKeyVault vault) => new(vault.VaultUri, new FakeTokenCredential(), new SecretClientOptions
    {
        Transport = new HttpClientTransport(TestCertificate.TrustingHandler()),
        DisableChallengeResourceVerification = true,
    });

    [Fact]
    public async Task Sm4_key_is_stored_as_a_hex_secret_and_read_once_per_process()
    {
        await using var vault = new FakeKeyVault();
        var sm4 = Convert.FromHexString("00112233445566778899AABBCCDDEEFF");
        await new KeyVaultConnectionSecrets(Client(vault)).StoreAsync("t1-bc-01-sm4", sm4, CancellationToken.None);

        var anotherProcess = new KeyVaultConnectionSecrets(Client(vault));
        var first = await anotherProcess.GetAsync("t1-bc-01-sm4", CancellationToken.None);
        var second = await anotherProcess.GetAsync("t1-bc-01-sm4", CancellationToken.None);

        Assert.Equal("00112233445566778899AABBCCDDEEFF", vault.Secrets["t1-bc-01-sm4"]);
        Assert.Equal(sm4, first);
        Assert.Equal(sm4, second);
        Assert.Single(vault.AuthenticatedRequests, r => r.StartsWith("GET /secrets/t1-bc-01-sm4", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_missing_secret_is_an_error_not_an_empty_key()
    {
        await using var vault = new FakeKeyVault();
        var error = await Assert.ThrowsAsync<Azure.RequestFailedException>(() => new KeyVaultConnectionSecrets(Client(vault)).GetAsync("nope", CancellationToken.None));
        Assert.Equal(404, error.Status);
    }
}
