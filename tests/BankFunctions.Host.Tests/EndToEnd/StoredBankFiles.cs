using System.Text;
using BankFunctions.Storage;
using BankFunctions.TestSupport;

namespace BankFunctions.Host.Tests.EndToEnd;

/// <summary>What the host stored as sent (Blob: <c>{tenant}/…/content</c> and <c>…/signature</c>), checked with openssl.</summary>
public static class StoredBankFiles
{
    /// <summary>The one stored file of <paramref name="tenantId"/> whose content contains <paramref name="text"/>.</summary>
    public static async Task<(byte[] Content, byte[] Signature)> FindAsync(StorageClients storage, string tenantId, string text)
    {
        var blobs = storage.Blobs.GetBlobContainerClient(BlobContainers.BankFiles);
        var found = new List<(byte[], byte[])>();
        await foreach (var blob in blobs.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, $"{tenantId}/", default))
        {
            if (!blob.Name.EndsWith("/content", StringComparison.Ordinal))
            {
                continue;
            }
            var content = (await blobs.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToArray();
            if (Encoding.UTF8.GetString(content).Contains(text, StringComparison.Ordinal))
            {
                var signatureName = blob.Name[..^"/content".Length] + "/signature";
                found.Add((content, (await blobs.GetBlobClient(signatureName).DownloadContentAsync()).Value.Content.ToArray()));
            }
        }
        return Assert.Single(found);
    }

    /// <summary>openssl 3 (an implementation independent of ours) verifies a detached PS256 signature.</summary>
    public static void AssertPs256Verifies(string publicKeyPem, byte[] content, byte[] signature)
    {
        using var key = new Openssl.TempFile(publicKeyPem, ".pem");
        using var file = new Openssl.TempFile(content, ".xml");
        using var sig = new Openssl.TempFile(signature, ".sig");
        var verify = Openssl.Run(["dgst", "-sha256", "-verify", key.Path, "-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:32", "-signature", sig.Path, file.Path]);
        Assert.True(verify.ExitCode == 0, verify.StdoutText + verify.Stderr);
    }
}
