using System.IO.Compression;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using BankFunctions.Storage;

namespace BankFunctions.Cli.Backup;

/// <summary>
/// Exports every table of <see cref="BackupScope"/> (one tenant's rows, or all) as gzip NDJSON and every blob byte for
/// byte, then writes the manifest. Streams: one page of rows (1,000) or one blob buffer at a time is in memory,
/// whatever the tenant's size.
/// </summary>
public sealed class BackupWriter(TableServiceClient tables, BlobServiceClient blobs, BackupStore store, TimeProvider clock, TextWriter log)
{
    private const int PageSize = 1000;

    public async Task<BackupManifest> RunAsync(string? tenantId, CancellationToken cancellationToken)
    {
        if (await store.ExistsAsync(BackupManifest.FileName, cancellationToken))
        {
            throw new BackupException($"{store.Describe} already holds a backup ({BackupManifest.FileName}): choose an empty location");
        }
        // Fail before writing anything if a table has no tenant rule.
        var filters = BackupScope.Tables.ToDictionary(t => t, t => tenantId is null ? null : BackupScope.TenantFilter(t, tenantId));
        var startedAt = clock.GetUtcNow();
        var files = new List<BackupFile>();
        foreach (var table in BackupScope.Tables)
        {
            files.Add(await ExportTableAsync(table, filters[table], tenantId, cancellationToken));
        }
        foreach (var container in BackupScope.Containers)
        {
            files.Add(await ExportContainerAsync(container, tenantId, cancellationToken));
        }
        var changed = await ChangedSinceAsync(filters, startedAt, cancellationToken);
        var manifest = new BackupManifest
        {
            Tenant = tenantId, StartedAt = startedAt, FinishedAt = clock.GetUtcNow(), RowsChangedDuringBackup = changed, Files = files,
        };
        await using (var output = await store.OpenWriteAsync(BackupManifest.FileName, cancellationToken))
        {
            await JsonSerializer.SerializeAsync(output, manifest, BackupManifest.Json, cancellationToken);
        }
        return manifest;
    }

    private async Task<BackupFile> ExportTableAsync(string table, string? filter, string? tenantId, CancellationToken cancellationToken)
    {
        var path = BackupFile.TablePath(table);
        var client = tables.GetTableClient(table);
        long rows = 0;
        await using var target = await store.OpenWriteAsync(path, cancellationToken);
        var hashing = new HashingStream(target, leaveOpen: true);
        await using (hashing)
        {
            await using var gzip = new GZipStream(hashing, CompressionLevel.Fastest, leaveOpen: true);
            await using var writer = new Utf8JsonWriter(gzip, EntityJson.WriterOptions);
            try
            {
                await foreach (var page in client.QueryAsync<TableEntity>(filter, PageSize, cancellationToken: cancellationToken).AsPages())
                {
                    foreach (var entity in page.Values)
                    {
                        // The filter chose the rows; each is checked again so that no other tenant's row is ever written.
                        if (tenantId is not null && !BackupScope.Belongs(table, entity.PartitionKey, entity.RowKey, entity.GetString("TenantId"), tenantId))
                        {
                            throw new BackupException($"table {table}: row ({entity.PartitionKey}, {entity.RowKey}) is not tenant {tenantId}'s; backup aborted");
                        }
                        EntityJson.Write(writer, entity);
                        await writer.FlushAsync(cancellationToken);
                        writer.Reset();
                        gzip.WriteByte((byte)'\n');
                        rows++;
                    }
                }
            }
            catch (Azure.RequestFailedException e) when (e.Status == 404)
            {
                // The table was never created (no data of that kind yet): an empty file says so.
            }
        }
        await target.FlushAsync(cancellationToken);
        log.WriteLine($"{path}: {rows} rows, {hashing.Length64} bytes");
        return new BackupFile(path, BackupFile.TableKind, table, rows, hashing.Length64, hashing.Digest());
    }

    private async Task<BackupFile> ExportContainerAsync(string containerName, string? tenantId, CancellationToken cancellationToken)
    {
        var path = BackupFile.BlobIndexPath(containerName);
        var container = blobs.GetBlobContainerClient(containerName);
        var prefix = tenantId is null ? null : BackupScope.TenantBlobPrefix(tenantId);
        long count = 0;
        await using var target = await store.OpenWriteAsync(path, cancellationToken);
        var hashing = new HashingStream(target, leaveOpen: true);
        await using (hashing)
        {
            await using var gzip = new GZipStream(hashing, CompressionLevel.Fastest, leaveOpen: true);
            if (await container.ExistsAsync(cancellationToken))
            {
                await foreach (var item in container.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.Metadata, Azure.Storage.Blobs.Models.BlobStates.None, prefix, cancellationToken: cancellationToken))
                {
                    var entry = await CopyBlobAsync(container, containerName, item, cancellationToken);
                    await JsonSerializer.SerializeAsync(gzip, entry, BackupManifest.Line, cancellationToken);
                    gzip.WriteByte((byte)'\n');
                    count++;
                }
            }
        }
        await target.FlushAsync(cancellationToken);
        log.WriteLine($"{path}: {count} blobs");
        return new BackupFile(path, BackupFile.BlobIndexKind, containerName, count, hashing.Length64, hashing.Digest());
    }

    private async Task<BlobEntry> CopyBlobAsync(BlobContainerClient container, string containerName, Azure.Storage.Blobs.Models.BlobItem item, CancellationToken cancellationToken)
    {
        var path = BackupFile.BlobPath(containerName, item.Name);
        await using var source = await container.GetBlobClient(item.Name).OpenReadAsync(cancellationToken: cancellationToken);
        await using var target = await store.OpenWriteAsync(path, cancellationToken);
        await using var hashing = new HashingStream(target, leaveOpen: true);
        await source.CopyToAsync(hashing, cancellationToken);
        await hashing.FlushAsync(cancellationToken);
        return new BlobEntry(item.Name, path, hashing.Length64, hashing.Digest(), item.Properties.ContentType,
            item.Metadata is { Count: > 0 } metadata ? metadata : null);
    }

    /// <summary>
    /// Rows whose Timestamp (the service's clock) is at or after the start, less a margin for the two clocks: 0 means
    /// no row changed while the backup read, so it is one point in time. The app should be stopped for that (DEPLOY.md).
    /// </summary>
    private async Task<long> ChangedSinceAsync(Dictionary<string, string?> filters, DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        var since = (startedAt - TimeSpan.FromSeconds(2)).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", System.Globalization.CultureInfo.InvariantCulture);
        long changed = 0;
        foreach (var (table, scope) in filters)
        {
            var filter = $"Timestamp ge datetime'{since}'" + (scope is null ? "" : $" and ({scope})");
            try
            {
                await foreach (var entity in tables.GetTableClient(table).QueryAsync<TableEntity>(filter, PageSize, ["PartitionKey"], cancellationToken))
                {
                    changed++;
                }
            }
            catch (Azure.RequestFailedException e) when (e.Status == 404)
            {
            }
        }
        return changed;
    }
}

/// <summary>A backup, restore or verify that cannot go on; the message says what and where.</summary>
public sealed class BackupException(string message) : Exception(message);
