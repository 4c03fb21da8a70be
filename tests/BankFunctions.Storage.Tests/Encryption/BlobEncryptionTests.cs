using Xunit;
using System.Security.Cryptography;
using System.Text;
using BankFunctions.Storage;
using BankFunctions.Storage.Encryption;

namespace BankFunctions.Storage.Tests.Encryption;

/// <summary>Blobs of the sensitive containers are sealed as one envelope bound to (tenant, container, name).</summary>
public sealed class BlobEncryptionTests(EncryptionStore store) : IClassFixture<EncryptionStore>
{
    private static readonly byte[] Document = Encoding.UTF8.GetBytes("<Cdtr><Nm>Muster GmbH</Nm></Cdtr><IBAN>GB82WEST12345698765432</IBAN>");

    [Fact]
    public async Task A_bank_file_is_sealed_in_storage_and_downloads_in_clear()
    {
        var name = "tenant-a/" + Guid.NewGuid().ToString("N") + ".xml";
        await store.Encrypted().Blobs.GetBlobContainerClient(BlobContainers.BankFiles).GetBlobClient(name).UploadAsync(new BinaryData(Document));

        var raw = (await store.Raw.Blobs.GetBlobContainerClient(BlobContainers.BankFiles).GetBlobClient(name).DownloadContentAsync()).Value.Content.ToArray();
        Assert.True(Envelope.IsSealedBlob(raw));
        Assert.DoesNotContain("Muster", Encoding.UTF8.GetString(raw), StringComparison.Ordinal);
        var read = (await store.Encrypted().Blobs.GetBlobContainerClient(BlobContainers.BankFiles).GetBlobClient(name).DownloadContentAsync()).Value.Content.ToArray();
        Assert.Equal(Document, read);
    }

    [Fact]
    public async Task A_blob_written_before_encryption_reads_as_it_is()
    {
        var name = "tenant-b/" + Guid.NewGuid().ToString("N") + ".xml";
        await store.Raw.Blobs.GetBlobContainerClient(BlobContainers.Statements).GetBlobClient(name).UploadAsync(new BinaryData(Document));
        var read = (await store.Encrypted().Blobs.GetBlobContainerClient(BlobContainers.Statements).GetBlobClient(name).DownloadContentAsync()).Value.Content.ToArray();
        Assert.Equal(Document, read);
    }

    [Fact]
    public async Task A_sealed_blob_copied_to_another_tenants_name_fails_to_decrypt()
    {
        var encrypted = store.Encrypted().Blobs.GetBlobContainerClient(BlobContainers.Receipts);
        var source = "tenant-c/" + Guid.NewGuid().ToString("N");
        await encrypted.GetBlobClient(source).UploadAsync(new BinaryData(Document));
        await encrypted.GetBlobClient("tenant-d/other").UploadAsync(new BinaryData(Document), overwrite: true);
        var raw = store.Raw.Blobs.GetBlobContainerClient(BlobContainers.Receipts);
        var sealedBytes = (await raw.GetBlobClient(source).DownloadContentAsync()).Value.Content;
        await raw.GetBlobClient("tenant-d/copied").UploadAsync(sealedBytes, overwrite: true);
        await Assert.ThrowsAnyAsync<CryptographicException>(() => encrypted.GetBlobClient("tenant-d/copied").DownloadContentAsync());
    }
}
