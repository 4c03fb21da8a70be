using Azure;
using Azure.Storage.Blobs.Models;

namespace BankFunctions.Storage.Encryption;

/// <summary>Re-sealing blobs: downloaded and uploaded again, whole (<see cref="DataKeyReseal"/>).</summary>
public sealed partial class DataKeyReseal
{
    /// <summary>The version the blob is sealed under now; null when it is gone or in clear.</summary>
    public async Task<int?> StoredVersionAsync(SealedBlob blob, CancellationToken cancellationToken)
    {
        try
        {
            var head = await rawBlobs.GetBlobContainerClient(blob.Container).GetBlobClient(blob.Name).DownloadContentAsync(
                new BlobDownloadOptions { Range = new HttpRange(0, EnvelopeVersions.BlobHeadLength) }, cancellationToken).ConfigureAwait(false);
            return EnvelopeVersions.OfBlob(head.Value.Content.ToMemory().Span);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <summary>Uploads the blob again (same content, headers and metadata) through the encryption policy, if it still has the ETag the scan read.</summary>
    public async Task<Outcome> ResealBlobAsync(SealedBlob blob, CancellationToken cancellationToken)
    {
        var client = blobs.GetBlobContainerClient(blob.Container).GetBlobClient(blob.Name);
        var unchanged = new BlobRequestConditions { IfMatch = blob.ETag };
        try
        {
            var clear = (await client.DownloadContentAsync(new BlobDownloadOptions { Conditions = unchanged }, cancellationToken).ConfigureAwait(false)).Value;
            var details = clear.Details;
            await client.UploadAsync(clear.Content, new BlobUploadOptions
            {
                Conditions = unchanged,
                HttpHeaders = new BlobHttpHeaders
                {
                    ContentType = details.ContentType,
                    ContentEncoding = details.ContentEncoding,
                    ContentDisposition = details.ContentDisposition,
                    ContentLanguage = details.ContentLanguage,
                    CacheControl = details.CacheControl,
                },
                Metadata = details.Metadata,
            }, cancellationToken).ConfigureAwait(false);
            return Outcome.Rewritten;
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            return Outcome.Changed;
        }
    }
}
