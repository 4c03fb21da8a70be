using System.Globalization;
using Azure.Storage.Blobs.Models;
using BankFunctions.Storage;

namespace BankFunctions.Features.Statements;

/// <summary>
/// Raw statement files, pulled or imported, kept byte for byte (container "statements") before anything is read from
/// them: what the bank said is evidence, and a parser fix can re-read it. Named by tenant, account, day and source.
/// </summary>
public sealed class StatementBlobs(StorageClients storage, TimeProvider clock)
{
    public async Task<string> SaveAsync(string tenantId, string accountId, string source, Stream content, string contentType, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var name = string.Create(CultureInfo.InvariantCulture,
            $"{tenantId}/{accountId}/{now:yyyy/MM/dd}/{now:HHmmssfff}-{source}-{Guid.NewGuid():N}");
        await storage.Blobs.GetBlobContainerClient(BlobContainers.Statements).GetBlobClient(name)
            .UploadAsync(content, new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = contentType } }, cancellationToken);
        return name;
    }
}
