using System.IO.Compression;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using BankFunctions.Storage;

namespace BankFunctions.Cli.Backup;

/// <summary>
/// Writes a verified backup into a storage account: rows in entity-group transactions (≤ 100 rows of one partition,
/// a few in flight), blobs byte for byte with their headers. Refuses a target that already holds data in the restored
/// scope unless <c>overwrite</c> (then rows and blobs are replaced). Streams like the backup.
/// </summary>
public sealed class RestoreRunner(TableServiceClient tables, BlobServiceClient blobs, BackupStore store, TextWriter log)
{
    private const int MaxBatchRows = 100;
    // The service takes 4 MiB per transaction; lines are JSON, a little larger than the wire's entities.
    private const int MaxBatchBytes = 3 * 1024 * 1024;
    private const int InFlight = 8;

    public sealed record Result(long Rows, long Blobs);

    public async Task<Result> RunAsync(BackupManifest manifest, string? tenantId, bool overwrite, CancellationToken cancellationToken)
    {
        if (manifest.Tenant is not null && tenantId is not null && manifest.Tenant != tenantId)
        {
            throw new BackupException($"the backup holds tenant '{manifest.Tenant}' only, not '{tenantId}'");
        }
        var scope = tenantId ?? manifest.Tenant;
        if (!overwrite)
        {
            await RefuseNonEmptyAsync(manifest, scope, cancellationToken);
        }
        long rows = 0, blobCount = 0;
        foreach (var file in manifest.Files)
        {
            if (file.Kind == BackupFile.TableKind)
            {
                rows += await RestoreTableAsync(file, tenantId, overwrite, cancellationToken);
            }
            else
            {
                blobCount += await RestoreContainerAsync(file, tenantId, overwrite, cancellationToken);
            }
        }
        return new Result(rows, blobCount);
    }

    /// <summary>Any row or blob of the scope in the target stops the restore before it writes anything.</summary>
    private async Task RefuseNonEmptyAsync(BackupManifest manifest, string? tenantId, CancellationToken cancellationToken)
    {
        var found = new List<string>();
        foreach (var file in manifest.Files)
        {
            if (file.Kind == BackupFile.TableKind)
            {
                var filter = tenantId is null ? null : BackupScope.TenantFilter(file.Name, tenantId);
                try
                {
                    await foreach (var entity in tables.GetTableClient(file.Name).QueryAsync<TableEntity>(filter, 1, ["PartitionKey", "RowKey"], cancellationToken))
                    {
                        found.Add($"table {file.Name} is not empty{(tenantId is null ? "" : $" for tenant {tenantId}")} (first row: PartitionKey '{entity.PartitionKey}', RowKey '{entity.RowKey}')");
                        break;
                    }
                }
                catch (RequestFailedException e) when (e.Status == 404)
                {
                }
            }
            else
            {
                var container = blobs.GetBlobContainerClient(file.Name);
                if (!await container.ExistsAsync(cancellationToken))
                {
                    continue;
                }
                await foreach (var blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, tenantId is null ? null : BackupScope.TenantBlobPrefix(tenantId), cancellationToken))
                {
                    found.Add($"container {file.Name} is not empty{(tenantId is null ? "" : $" for tenant {tenantId}")} (first blob: '{blob.Name}')");
                    break;
                }
            }
        }
        if (found.Count > 0)
        {
            throw new BackupException("refusing to restore over existing data: " + string.Join("; ", found) +
                ". Restore into an empty storage account, or pass --overwrite to replace rows and blobs that exist (rows not in the backup stay).");
        }
    }

    private async Task<long> RestoreTableAsync(BackupFile file, string? tenantId, bool overwrite, CancellationToken cancellationToken)
    {
        var client = tables.GetTableClient(file.Name);
        await client.CreateIfNotExistsAsync(cancellationToken);
        var action = overwrite ? TableTransactionActionType.UpsertReplace : TableTransactionActionType.Add;
        var inFlight = new List<Task>();
        var batch = new List<TableTransactionAction>(MaxBatchRows);
        var batchBytes = 0;
        long rows = 0;
        await using var input = await store.OpenReadAsync(file.Path, cancellationToken);
        await using var gzip = new GZipStream(input, CompressionMode.Decompress);
        using var lines = new LineReader(gzip);
        while ((await lines.NextAsync(cancellationToken)) is (true, var line))
        {
            var entity = EntityJson.Read(line.Span);
            if (tenantId is not null && !BackupScope.Belongs(file.Name, entity.PartitionKey, entity.RowKey, entity.GetString("TenantId"), tenantId))
            {
                continue;
            }
            if (batch.Count > 0 && (batch[0].Entity.PartitionKey != entity.PartitionKey || batch.Count == MaxBatchRows || batchBytes + line.Length > MaxBatchBytes))
            {
                await SubmitAsync(client, file.Name, batch, inFlight, cancellationToken);
                batch = new List<TableTransactionAction>(MaxBatchRows);
                batchBytes = 0;
            }
            batch.Add(new TableTransactionAction(action, entity));
            batchBytes += line.Length;
            rows++;
        }
        if (batch.Count > 0)
        {
            await SubmitAsync(client, file.Name, batch, inFlight, cancellationToken);
        }
        await Task.WhenAll(inFlight);
        log.WriteLine($"{file.Path}: {rows} rows restored into {file.Name}");
        return rows;
    }

    /// <summary>Starts a transaction; with <see cref="InFlight"/> already running, first waits for one (so memory stays bounded).</summary>
    private static async Task SubmitAsync(TableClient client, string table, List<TableTransactionAction> batch, List<Task> inFlight, CancellationToken cancellationToken)
    {
        if (inFlight.Count >= InFlight)
        {
            var done = await Task.WhenAny(inFlight);
            inFlight.Remove(done);
            await done;
        }
        inFlight.Add(SubmitOneAsync(client, table, batch, cancellationToken));
    }

    private static async Task SubmitOneAsync(TableClient client, string table, List<TableTransactionAction> batch, CancellationToken cancellationToken)
    {
        try
        {
            await client.SubmitTransactionAsync(batch, cancellationToken);
        }
        catch (TableTransactionFailedException e)
        {
            var failed = e.FailedTransactionActionIndex is int i && i < batch.Count ? batch[i].Entity : batch[0].Entity;
            throw new BackupException(e.ErrorCode == "EntityAlreadyExists"
                ? $"table {table}: row (PartitionKey '{failed.PartitionKey}', RowKey '{failed.RowKey}') already exists (written meanwhile?); pass --overwrite to replace it"
                : $"table {table}: writing row (PartitionKey '{failed.PartitionKey}', RowKey '{failed.RowKey}') failed: {e.ErrorCode} {e.Message}");
        }
    }

    private async Task<long> RestoreContainerAsync(BackupFile file, string? tenantId, bool overwrite, CancellationToken cancellationToken)
    {
        var container = blobs.GetBlobContainerClient(file.Name);
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        long count = 0;
        await using var input = await store.OpenReadAsync(file.Path, cancellationToken);
        await using var gzip = new GZipStream(input, CompressionMode.Decompress);
        using var lines = new LineReader(gzip);
        while ((await lines.NextAsync(cancellationToken)) is (true, var line))
        {
            var entry = JsonSerializer.Deserialize<BlobEntry>(line.Span, BackupManifest.Line) ?? throw new BackupException($"{file.Path}: empty blob entry");
            if (tenantId is not null && !entry.Name.StartsWith(BackupScope.TenantBlobPrefix(tenantId), StringComparison.Ordinal))
            {
                continue;
            }
            await using var content = await store.OpenReadAsync(entry.Path, cancellationToken);
            var options = new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = entry.ContentType },
                Metadata = entry.Metadata,
                Conditions = overwrite ? null : new BlobRequestConditions { IfNoneMatch = ETag.All },
            };
            try
            {
                await container.GetBlobClient(entry.Name).UploadAsync(content, options, cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status == 409)
            {
                throw new BackupException($"container {file.Name}: blob '{entry.Name}' already exists (written meanwhile?); pass --overwrite to replace it");
            }
            count++;
        }
        log.WriteLine($"{file.Path}: {count} blobs restored into {file.Name}");
        return count;
    }
}
