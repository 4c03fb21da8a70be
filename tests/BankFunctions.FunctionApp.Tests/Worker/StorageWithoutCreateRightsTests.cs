using Azure.Storage;
using Azure.Storage.Sas;
using BankFunctions.Storage;
using BankFunctions.TestSupport;

namespace BankFunctions.FunctionApp.Tests.Worker;

/// <summary>
/// In Azure the tables, queues and containers come from Bicep; an identity that may read and write data but not create
/// tables, queues or containers must still start. Modelled with an account SAS without the Container resource type.
/// </summary>
[Collection(WorkerCollection.Name)]
public sealed class StorageWithoutCreateRightsTests(WorkerFixture fixture)
{
    [Fact]
    public async Task Start_up_storage_initialisation_passes_when_everything_is_provisioned_but_create_is_refused()
    {
        // What Bicep provisions, with full rights.
        await new StorageClients(new StorageOptions { ConnectionString = fixture.Azurite.ConnectionString }, null).EnsureCreatedAsync(CancellationToken.None);
        var sas = new AccountSasBuilder(
            AccountSasPermissions.Read | AccountSasPermissions.Write | AccountSasPermissions.Delete | AccountSasPermissions.List
                | AccountSasPermissions.Add | AccountSasPermissions.Update | AccountSasPermissions.Process,
            DateTimeOffset.UtcNow.AddHours(1), AccountSasServices.All, AccountSasResourceTypes.Service | AccountSasResourceTypes.Object)
            .ToSasQueryParameters(new StorageSharedKeyCredential(AzuriteFixture.AccountName, AzuriteFixture.AccountKey)).ToString();
        var dataOnly = $"TableEndpoint=http://127.0.0.1:{fixture.Azurite.TablePort}/{AzuriteFixture.AccountName};" +
            $"QueueEndpoint=http://127.0.0.1:{fixture.Azurite.QueuePort}/{AzuriteFixture.AccountName};" +
            $"BlobEndpoint=http://127.0.0.1:{fixture.Azurite.BlobPort}/{AzuriteFixture.AccountName};SharedAccessSignature={sas}";
        var storage = new StorageClients(new StorageOptions { ConnectionString = dataOnly }, null);
        var refused = await Assert.ThrowsAsync<Azure.RequestFailedException>(() => storage.Tables.CreateTableAsync("Probe" + Guid.NewGuid().ToString("N")[..8]));
        Assert.Equal(403, refused.Status);

        await storage.EnsureCreatedAsync(CancellationToken.None);
    }
}
