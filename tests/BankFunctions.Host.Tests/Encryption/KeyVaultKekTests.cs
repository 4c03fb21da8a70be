using Azure.Core.Pipeline;
using Azure.Data.Tables;
using BankFunctions.Banks.Signing;
using BankFunctions.Banks.Signing.KeyVault;
using BankFunctions.Banks.Tests.Fakes;
using BankFunctions.Features.Hosting;
using BankFunctions.Storage;
using BankFunctions.Storage.Encryption;
using BankFunctions.Storage.Guard;
using BankFunctions.Storage.Rows;
using BankFunctions.TestSupport;

namespace BankFunctions.Host.Tests.Encryption;

/// <summary>
/// The Key Vault KEK against the in-process fake of the documented REST contract (wrapKey / unwrapKey, RSA-OAEP-256):
/// data keys wrap and unwrap, a new key version becomes current, and a re-wrap moves every data key to it while the
/// encrypted rows stay as they were.
/// </summary>
public sealed class KeyVaultKekTests : IAsyncLifetime, IDisposable
{
    private readonly FakeKeyVault _vault = new();
    private readonly AzuriteFixture _azurite = new();
    private KeyVaultKeysClient _client = null!;

    public async Task InitializeAsync()
    {
        _client = new KeyVaultKeysClient(_vault.VaultUri, new FakeTokenCredential(),
            new KeyVaultClientOptions { Transport = new HttpClientTransport(TestCertificate.TrustingHandler()) });
        await _client.CreateKeyAsync("tenant-kek", SigningKeyKind.Rsa2048, CancellationToken.None);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        _vault.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _azurite.Dispose();
    }

    [Fact]
    public async Task Data_keys_wrap_and_unwrap_in_Key_Vault_and_a_new_key_version_becomes_current()
    {
        var kek = new KeyVaultKek(_client, "tenant-kek");
        var v1 = await kek.CurrentKeyIdAsync(CancellationToken.None);
        var dek = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
        var wrapped = await kek.WrapAsync(v1, dek, CancellationToken.None);
        Assert.Equal(256, wrapped.Length); // RSA-2048 OAEP output
        Assert.Equal(dek, await kek.UnwrapAsync(v1, wrapped, CancellationToken.None));
        Assert.Contains(_vault.Requests, r => r.Contains("/wrapkey", StringComparison.Ordinal));

        await _client.CreateKeyAsync("tenant-kek", SigningKeyKind.Rsa2048, CancellationToken.None); // rotation in Key Vault
        var v2 = await kek.CurrentKeyIdAsync(CancellationToken.None);
        Assert.NotEqual(v1, v2);
        Assert.Equal(dek, await kek.UnwrapAsync(v1, wrapped, CancellationToken.None));
    }

    [Fact]
    public async Task Rows_sealed_under_a_Key_Vault_KEK_read_after_the_KEK_rotates_and_data_keys_are_rewrapped()
    {
        var kek = new KeyVaultKek(_client, "tenant-kek");
        StorageClients Clients() => new(new StorageOptions { ConnectionString = _azurite.ConnectionString }, null,
            encryption: new StorageEncryption(new EncryptionOptions { Kek = "keyvault" }, kek, TimeProvider.System));
        var clients = Clients();
        await clients.EnsureCreatedAsync(CancellationToken.None);
        await clients.Table(TableNames.TenantData).AddCheckedAsync(new PaymentRow
        {
            PartitionKey = "kvt", RowKey = TableKeys.PaymentRow("p"), PaymentId = "p", CreditorName = "Muster GmbH",
        });
        var before = (await _azurite.Tables().GetTableClient(TableNames.TenantData).GetEntityAsync<TableEntity>("kvt", TableKeys.PaymentRow("p"))).Value;

        await _client.CreateKeyAsync("tenant-kek", SigningKeyKind.Rsa2048, CancellationToken.None);
        Assert.Equal(1, await clients.KeyRing!.RewrapAsync(null, CancellationToken.None));

        var keyRow = (await _azurite.Tables().GetTableClient(TableNames.TenantKeys).GetEntityAsync<TenantKeyRow>("kvt", TableKeys.TenantKeyRow(1))).Value;
        Assert.Equal(await kek.CurrentKeyIdAsync(CancellationToken.None), keyRow.KekId);
        var after = (await _azurite.Tables().GetTableClient(TableNames.TenantData).GetEntityAsync<TableEntity>("kvt", TableKeys.PaymentRow("p"))).Value;
        Assert.Equal(before.ETag, after.ETag);
        Assert.Equal("Muster GmbH", (await Clients().Table(TableNames.TenantData).GetEntityAsync<PaymentRow>("kvt", TableKeys.PaymentRow("p"))).Value.CreditorName);
    }
}
