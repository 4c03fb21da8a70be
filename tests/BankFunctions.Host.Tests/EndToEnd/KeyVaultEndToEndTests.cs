using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Security.KeyVault.Secrets;
using BankFunctions.Banks.Signing.KeyVault;
using BankFunctions.Features.BankConnections;
using BankFunctions.Banks.Tests.Fakes;
using BankFunctions.Storage;
using static BankFunctions.Host.Tests.Payments.PaymentApi;

namespace BankFunctions.Host.Tests.EndToEnd;

/// <summary>
/// The host as it runs in Azure (<c>Signing__Mode=KeyVault</c>), against the in-process fake of the Key Vault REST
/// contract: only the credential and the https transport are replaced, every other service is the host's own.
/// </summary>
public sealed class KeyVaultEndToEndFixture : EndToEndFixture
{
    public FakeKeyVault Vault { get; } = new();

    protected override void ConfigureHost(HostFixture host)
    {
        host.Settings["Signing:Mode"] = "KeyVault";
        host.Settings["KeyVault:Uri"] = Vault.VaultUri.AbsoluteUri;
        host.OverrideServices = services =>
        {
            services.AddSingleton<TokenCredential>(new FakeTokenCredential());
            services.AddSingleton(new KeyVaultClientOptions { Transport = new HttpClientTransport(TestCertificate.TrustingHandler()) });
            services.AddSingleton(new SecretClientOptions
            {
                Transport = new HttpClientTransport(TestCertificate.TrustingHandler()),
                DisableChallengeResourceVerification = true, // the fake's loopback address is not *.vault.azure.net
            });
        };
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Vault.DisposeAsync();
    }
}

public sealed class KeyVaultEndToEndTests(KeyVaultEndToEndFixture e2e) : IClassFixture<KeyVaultEndToEndFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task Both_banks_complete_with_keys_and_secrets_kept_in_Key_Vault()
    {
        var o = await e2e.OnboardAsync();
        using var submitter = e2e.Host.Client(o.Tenant.Key("submitter"));
        var eur = (await Json(await Submit(submitter, EurPayment(o.EurAccount, "250.00")))).GetProperty("id").GetString()!;
        var cny = (await Json(await Submit(submitter, CnyPayment(o.CnyAccount, "1250.00")))).GetProperty("id").GetString()!;

        var eurDone = await e2e.WaitForAsync(o.Tenant, eur, Timeout, "completed", "rejected", "failed", "needs_attention");
        var cnyDone = await e2e.WaitForAsync(o.Tenant, cny, Timeout, "completed", "rejected", "failed", "needs_attention");
        Assert.Equal("completed", eurDone.GetProperty("status").GetString());
        Assert.Equal("completed", cnyDone.GetProperty("status").GetString());
        Assert.Equal(1, await e2e.ExecutionsAsync(eurDone.GetProperty("bankReference").GetString()!));
        Assert.Equal(1, await e2e.ExecutionsAsync(cnyDone.GetProperty("bankReference").GetString()!));

        // ISO: an RSA key created in the vault, one sign operation for the one file; the private key never left it.
        var requests = e2e.Vault.AuthenticatedRequests.ToArray();
        Assert.Single(requests, r => r.StartsWith("POST /keys/", StringComparison.Ordinal) && r.EndsWith("/create", StringComparison.Ordinal));
        Assert.Single(requests, r => r.StartsWith("POST /keys/", StringComparison.Ordinal) && r.EndsWith("/sign", StringComparison.Ordinal));
        // CMB-style: the SM2 key and the SM4 key are vault secrets, not files on the app's disk.
        Assert.Single(e2e.Vault.Secrets.Keys, k => k.StartsWith("bank-", StringComparison.Ordinal) && k.EndsWith("-sm2", StringComparison.Ordinal));
        Assert.Single(e2e.Vault.Secrets.Keys, k => k.EndsWith("-sm4", StringComparison.Ordinal));
        var localKeys = e2e.Host.Services.GetRequiredService<LocalKeyOptions>().LocalKeyPath;
        Assert.False(Directory.Exists(localKeys) && Directory.EnumerateFiles(localKeys, "*", SearchOption.AllDirectories).Any(),
            "Key Vault mode wrote key material to the local key folder");

        // The stored ISO file verifies with openssl against the public key the vault gave at onboarding.
        var (content, signature) = await StoredBankFiles.FindAsync(e2e.Host.Services.GetRequiredService<StorageClients>(), o.Tenant.Id, eurDone.GetProperty("endToEndId").GetString()!);
        StoredBankFiles.AssertPs256Verifies(o.IsoPublicKeyPem, content, signature);
    }
}
