using System.Security.Cryptography;
using Azure;
using Azure.Storage.Blobs.Models;
using BankFunctions.Banks;
using BankFunctions.Features.PaymentReferences;
using BankFunctions.Storage;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Receipts;

/// <summary>A stored receipt's link: blob name, SHA-256 (lower-case hex) and media type.</summary>
public sealed record StoredReceipt(string Blob, string Sha256, string ContentType)
{
    public void LinkTo(IReceiptLink row)
    {
        row.ReceiptBlob = Blob;
        row.ReceiptSha256 = Sha256;
        row.ReceiptContentType = ContentType;
    }

    public static StoredReceipt? Of(IReceiptLink row) =>
        row is { ReceiptBlob: { } blob, ReceiptSha256: { } sha, ReceiptContentType: { } type } ? new StoredReceipt(blob, sha, type) : null;
}

/// <summary>
/// E-receipts in container "receipts", kept byte for byte as the bank sent them (evidence), each written once: the name
/// derives from tenant, account and the entry's bank reference, and the upload is conditional (If-None-Match: *), so a
/// second fetch of the same receipt finds the first one and keeps it. The SHA-256 and the bank's signature (if its
/// protocol gives one) travel as metadata.
/// </summary>
public sealed class ReceiptBlobs(StorageClients storage)
{
    private const string ShaKey = "sha256";
    private const string SignatureKey = "banksignature";

    public static string Name(string tenantId, string accountId, string reference, string contentType) =>
        $"{tenantId}/{accountId}/{ReferenceKeys.Safe(reference)}.{(contentType == "application/pdf" ? "pdf" : "xml")}";

    public async Task<StoredReceipt> SaveOnceAsync(string tenantId, string accountId, string reference, Receipt receipt, CancellationToken cancellationToken)
    {
        var name = Name(tenantId, accountId, reference, receipt.ContentType);
        var blob = storage.Blobs.GetBlobContainerClient(BlobContainers.Receipts).GetBlobClient(name);
        var sha = Convert.ToHexStringLower(SHA256.HashData(receipt.Content));
        var metadata = new Dictionary<string, string> { [ShaKey] = sha };
        if (receipt.BankSignature is { Length: > 0 } signature)
        {
            metadata[SignatureKey] = signature;
        }
        try
        {
            await blob.UploadAsync(new BinaryData(receipt.Content), new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = receipt.ContentType },
                Metadata = metadata,
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
            }, cancellationToken);
            return new StoredReceipt(name, sha, receipt.ContentType);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // Written by an earlier delivery of the same work: the first copy is the receipt.
            var properties = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
            var stored = properties.Metadata.TryGetValue(ShaKey, out var known) ? known : Convert.ToHexStringLower(SHA256.HashData((await blob.DownloadContentAsync(cancellationToken)).Value.Content));
            return new StoredReceipt(name, stored, properties.ContentType);
        }
    }

    /// <summary>The receipt's bytes, or null when the blob is gone (a restore without blobs).</summary>
    public async Task<byte[]?> ReadAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            var content = await storage.Blobs.GetBlobContainerClient(BlobContainers.Receipts).GetBlobClient(name).DownloadContentAsync(cancellationToken);
            return content.Value.Content.ToArray();
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }
}
