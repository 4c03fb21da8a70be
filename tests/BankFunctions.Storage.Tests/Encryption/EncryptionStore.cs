using Xunit;
using BankFunctions.Storage;
using BankFunctions.Storage.Encryption;
using BankFunctions.TestSupport;

namespace BankFunctions.Storage.Tests.Encryption;

/// <summary>A private Azurite with its tables, a key file in a temp folder, and clients with and without encryption.</summary>
public sealed class EncryptionStore : IAsyncLifetime
{
    public AzuriteFixture Azurite { get; } = new();
    public string KeyFile { get; } = Path.Combine(Path.GetTempPath(), "bf-kek-test-" + Guid.NewGuid().ToString("N"), "kek.json");
    public LocalKeyFileKek Kek { get; private set; } = null!;
    /// <summary>Raw clients: what is really stored.</summary>
    public StorageClients Raw { get; private set; } = null!;

    /// <summary>Fresh encrypting clients (an empty key cache, as a new instance would have).</summary>
    public StorageClients Encrypted(bool sealWrites = true) =>
        new(new StorageOptions { ConnectionString = Azurite.ConnectionString }, null,
            encryption: new StorageEncryption(new EncryptionOptions { Kek = sealWrites ? "file" : "none", KeyFile = KeyFile }, Kek, TimeProvider.System));

    public async Task InitializeAsync()
    {
        Kek = new LocalKeyFileKek(KeyFile);
        Raw = new StorageClients(new StorageOptions { ConnectionString = Azurite.ConnectionString }, null);
        await Raw.EnsureCreatedAsync(CancellationToken.None);
    }

    public Task DisposeAsync()
    {
        Azurite.Dispose();
        Directory.Delete(Path.GetDirectoryName(KeyFile)!, recursive: true);
        return Task.CompletedTask;
    }
}
