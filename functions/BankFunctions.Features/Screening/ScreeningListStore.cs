using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using BankFunctions.Domain.Screening;
using BankFunctions.Features.Http;
using BankFunctions.Storage;

namespace BankFunctions.Features.Screening;

/// <summary>
/// The loaded sanctions lists, platform-wide (the operator loads them for every tenant: API.md puts /v1/admin/* with
/// the operator): one blob per source in <see cref="BlobContainers.ScreeningLists"/>, holding the entries as read from
/// the file (JSON), with what GET shows in the blob's metadata. Loading a list again replaces it in one write; its
/// ETag is the version <see cref="Screener"/> caches an index by.
/// </summary>
public sealed class ScreeningListStore(StorageClients storage)
{
    private BlobContainerClient Container => storage.Blobs.GetBlobContainerClient(BlobContainers.ScreeningLists);

    private static string BlobName(string source) => source + ".json";

    public async Task<ScreeningListView> SaveAsync(ScreeningListView view, IReadOnlyList<ScreeningEntry> entries, CancellationToken cancellationToken)
    {
        var blob = Container.GetBlobClient(BlobName(view.Source));
        await blob.UploadAsync(new BinaryData(JsonSerializer.SerializeToUtf8Bytes(entries, ApiJson.Options)), new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
            Metadata = ToMetadata(view),
        }, cancellationToken);
        return view;
    }

    public async Task<ScreeningListView?> FindAsync(string source, CancellationToken cancellationToken)
    {
        try
        {
            var properties = await Container.GetBlobClient(BlobName(source)).GetPropertiesAsync(cancellationToken: cancellationToken);
            return FromMetadata(source, properties.Value.Metadata);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <summary>Every loaded list with its current version (ETag), in one listing.</summary>
    public async Task<IReadOnlyList<(ScreeningListView View, ETag Version)>> ListAsync(CancellationToken cancellationToken)
    {
        var lists = new List<(ScreeningListView, ETag)>();
        await foreach (var item in Container.GetBlobsAsync(new GetBlobsOptions { Traits = BlobTraits.Metadata }, cancellationToken))
        {
            var source = Path.GetFileNameWithoutExtension(item.Name);
            if (Formats.Screening.ScreeningListFormats.Sources.ContainsKey(source) && item.Properties.ETag is { } etag)
            {
                lists.Add((FromMetadata(source, item.Metadata), etag));
            }
        }
        return lists.OrderBy(l => l.Item1.Source, StringComparer.Ordinal).ToList();
    }

    /// <summary>The entries of a list at a version, or null when it has been replaced since (read the listing again).</summary>
    public async Task<IReadOnlyList<ScreeningEntry>?> LoadAsync(string source, ETag version, CancellationToken cancellationToken)
    {
        try
        {
            var content = await Container.GetBlobClient(BlobName(source)).DownloadContentAsync(
                new BlobDownloadOptions { Conditions = new BlobRequestConditions { IfMatch = version } }, cancellationToken);
            return content.Value.Content.ToObjectFromJson<List<ScreeningEntry>>(ApiJson.Options) ?? [];
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            return null;
        }
    }

    private static Dictionary<string, string> ToMetadata(ScreeningListView view) => new(StringComparer.Ordinal)
    {
        ["entries"] = view.Entries.ToString(CultureInfo.InvariantCulture),
        ["names"] = view.Names.ToString(CultureInfo.InvariantCulture),
        ["loadedat"] = view.LoadedAt.ToString("O", CultureInfo.InvariantCulture),
        ["sha256"] = view.Sha256,
        ["contenttype"] = view.ContentType,
        ["loadedby"] = view.LoadedBy,
    };

    private static ScreeningListView FromMetadata(string source, IDictionary<string, string> m) => new(source,
        int.Parse(m["entries"], CultureInfo.InvariantCulture), int.Parse(m["names"], CultureInfo.InvariantCulture),
        DateTimeOffset.Parse(m["loadedat"], CultureInfo.InvariantCulture), m["sha256"], m["contenttype"], m["loadedby"]);
}
