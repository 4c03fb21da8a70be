using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using BankFunctions.Storage.Guard;

namespace BankFunctions.Storage.Encryption;

/// <summary>
/// Re-seals one tenant's stored values under its newest data key, one page at a time (docs/ENCRYPTION.md "Rotation"):
/// after a data key that may be exposed is rotated, values sealed under the old version stay under it until their next
/// write, so this writes them again. The stored form is read without the encryption policy (the envelopes' versions);
/// a row or blob holding a value older than the current version is read through the policy (in clear) and written back
/// through it, which seals under the current version. Every write is conditional on the ETag the scan read: a 412 means
/// someone wrote it meanwhile, and it is skipped and counted, never overwritten. Nothing current is written, so a
/// second pass writes nothing. The only place outside the policies that knows about envelopes.
/// Stale rows of one partition are read in clear with one range query and written back as entity-group transactions
/// (up to 100 rows, each with its own If-Match), not one GET and one MERGE per row: a transaction that fails as a whole
/// (a row changed meanwhile) is done again row by row, so only the changed row is skipped.
/// </summary>
public sealed class DataKeyReseal(TableServiceClient rawTables, BlobServiceClient rawBlobs, TableServiceClient tables, BlobServiceClient blobs)
{
    /// <summary>Rows per page (the Table service's own maximum per query response).</summary>
    public const int TablePageSize = 1000;
    /// <summary>Blobs per page: each stale blob is downloaded and uploaded whole.</summary>
    public const int BlobPageSize = 100;

    /// <summary>A table or blob container holding sealed values.</summary>
    public sealed record Store(string Name, bool IsContainer);

    /// <summary>Every store a tenant's sealed values are in, in the order a pass walks them: the tables, then the containers.</summary>
    public static IReadOnlyList<Store> Stores { get; } =
        TableNames.All.Where(SensitiveColumns.AnyIn).Select(t => new Store(t, false))
            .Concat(BlobContainers.All.Where(SensitiveColumns.Containers.Contains).Select(c => new Store(c, true)))
            .ToList();

    /// <summary>What one page did: rows or blobs scanned, rewritten, skipped because they changed meanwhile; the oldest version left in it.</summary>
    public sealed record PageResult(int Scanned, int Rewritten, int SkippedConcurrent, int? OldestRemaining, string? Continuation);

    /// <summary>A row of the scan that holds sealed values, with the ETag it was read at.</summary>
    public sealed record SealedRow(string Table, string PartitionKey, string RowKey, ETag ETag, IReadOnlyList<EnvelopeVersions.SealedColumn> Values)
    {
        public int Oldest => Values.Min(v => v.Version);
    }

    /// <summary>A sealed blob of the scan, with the ETag it was read at.</summary>
    public sealed record SealedBlob(string Container, string Name, ETag ETag, int Version);

    public sealed record Scan<T>(int Scanned, IReadOnlyList<T> Sealed, string? Continuation);

    public enum Outcome
    {
        Rewritten,
        /// <summary>Written or deleted since the scan read it (412 or 404): left as it is.</summary>
        Changed,
    }

    /// <summary>One page of <paramref name="store"/>, values older than <paramref name="current"/> re-sealed.</summary>
    public Task<PageResult> PageAsync(Store store, string tenant, string? continuation, int current, CancellationToken cancellationToken) =>
        store.IsContainer
            ? BlobPageAsync(store.Name, tenant, continuation, current, cancellationToken)
            : TablePageAsync(store.Name, tenant, continuation, current, cancellationToken);

    public async Task<PageResult> TablePageAsync(string table, string tenant, string? continuation, int current, CancellationToken cancellationToken) =>
        await ResealScannedAsync(await ScanTableAsync(table, tenant, continuation, TablePageSize, cancellationToken).ConfigureAwait(false), current, cancellationToken)
            .ConfigureAwait(false);

    /// <summary>
    /// Re-seals the stale rows of a scanned page and counts the page. A row skipped because it changed counts with the
    /// oldest version it holds now (read again), not the one the scan saw: when a duplicate delivery of the page
    /// re-sealed it first, it holds the current version, and the job must not report an old one remaining.
    /// </summary>
    public async Task<PageResult> ResealScannedAsync(Scan<SealedRow> scan, int current, CancellationToken cancellationToken)
    {
        var tally = new Tally(current);
        var stale = new List<SealedRow>();
        foreach (var row in scan.Sealed)
        {
            if (EnvelopeVersions.NeedsReseal(row.Oldest, current))
            {
                stale.Add(row);
            }
            else
            {
                tally.Add(row.Oldest, null);
            }
        }
        var outcomes = await ResealRowsAsync(stale, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < stale.Count; i++)
        {
            tally.Add(outcomes[i] == Outcome.Changed ? await StoredOldestAsync(stale[i], cancellationToken).ConfigureAwait(false) : stale[i].Oldest, outcomes[i]);
        }
        return tally.Result(scan.Scanned, scan.Continuation);
    }

    /// <summary>The oldest version of the sealed values the row holds now; null when it is gone or holds none.</summary>
    public async Task<int?> StoredOldestAsync(SealedRow row, CancellationToken cancellationToken)
    {
        var stored = await rawTables.GetTableClient(row.Table).GetEntityIfExistsAsync<TableEntity>(row.PartitionKey, row.RowKey,
            new[] { "PartitionKey", "RowKey" }.Concat(SensitiveColumns.Of(row.Table).Select(c => c.Name)).ToList(), cancellationToken).ConfigureAwait(false);
        return stored.HasValue ? EnvelopeVersions.Oldest(EnvelopeVersions.InEntity(row.Table, stored.Value!)) : null;
    }

    /// <summary>
    /// Re-seals <paramref name="rows"/> (of one table, in the scan's order): per partition, up to 100 at a time, read in
    /// clear with one range query and written back in transactions. The outcomes are in the order of the rows.
    /// </summary>
    public async Task<IReadOnlyList<Outcome>> ResealRowsAsync(IReadOnlyList<SealedRow> rows, CancellationToken cancellationToken)
    {
        var outcomes = new List<Outcome>(rows.Count);
        var start = 0;
        while (start < rows.Count)
        {
            var end = start + 1;
            while (end < rows.Count && end - start < StorageLimits.MaxBatchEntities
                && rows[end].Table == rows[start].Table && rows[end].PartitionKey == rows[start].PartitionKey)
            {
                end++;
            }
            var chunk = rows.Skip(start).Take(end - start).ToList();
            outcomes.AddRange(await WriteChunkAsync(chunk, await ReadClearAsync(chunk, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false));
            start = end;
        }
        return outcomes;
    }

    /// <summary>
    /// The sealed columns of <paramref name="chunk"/> (rows of one partition, in key order) in clear, through the
    /// encryption policy: one query over the key range from the first row to the last, keyed by row key.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, TableEntity>> ReadClearAsync(IReadOnlyList<SealedRow> chunk, CancellationToken cancellationToken)
    {
        var first = chunk[0];
        // The keys too: the policy opens a value only with its row's keys (they are in its associated data).
        var select = new[] { "PartitionKey", "RowKey" }.Concat(chunk.SelectMany(r => r.Values.Select(v => v.Column))).Distinct(StringComparer.Ordinal).ToList();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {first.PartitionKey} and RowKey ge {first.RowKey} and RowKey le {chunk[^1].RowKey}");
        var clear = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
        await foreach (var entity in tables.GetTableClient(first.Table).QueryAsync<TableEntity>(filter, TablePageSize, select, cancellationToken).ConfigureAwait(false))
        {
            clear[entity.RowKey] = Opened(first.Table, entity);
        }
        return clear;
    }

    /// <summary>
    /// Writes <paramref name="chunk"/> back from <paramref name="clear"/> (what <see cref="ReadClearAsync"/> read): a row
    /// gone or written since the scan is <see cref="Outcome.Changed"/>; the others go in transactions of at most
    /// <see cref="BatchClearBytes"/>, each row merged if it still has the ETag the scan read. When a transaction fails
    /// (a row changed between the read and the write), its rows are done one by one, which skips only that row.
    /// </summary>
    public async Task<IReadOnlyList<Outcome>> WriteChunkAsync(IReadOnlyList<SealedRow> chunk, IReadOnlyDictionary<string, TableEntity> clear, CancellationToken cancellationToken)
    {
        var outcomes = new Outcome[chunk.Count];
        var batch = new List<(int Index, TableTransactionAction Action)>();
        long bytes = 0;
        for (var i = 0; i < chunk.Count; i++)
        {
            var row = chunk[i];
            if (!clear.TryGetValue(row.RowKey, out var read) || read.ETag != row.ETag)
            {
                outcomes[i] = Outcome.Changed;
                continue;
            }
            var update = Update(row, read);
            var size = StorageLimits.CheckEntity(update);
            if (batch.Count > 0 && bytes + size > BatchClearBytes)
            {
                await SubmitAsync(chunk, batch, outcomes, cancellationToken).ConfigureAwait(false);
                (batch, bytes) = ([], 0);
            }
            batch.Add((i, new TableTransactionAction(TableTransactionActionType.UpdateMerge, update, row.ETag)));
            bytes += size;
        }
        if (batch.Count > 0)
        {
            await SubmitAsync(chunk, batch, outcomes, cancellationToken).ConfigureAwait(false);
        }
        return outcomes;
    }

    /// <summary>
    /// The clear size (by the Table service's formula) a transaction of re-sealed rows may carry: sealing turns a text
    /// value into Base64 of its UTF-8 bytes plus a header, at most about 4× its size (3-byte UTF-8 characters), and the
    /// service takes 4 MiB per transaction.
    /// </summary>
    public const long BatchClearBytes = StorageLimits.MaxBatchBytes / 5;

    private async Task SubmitAsync(IReadOnlyList<SealedRow> chunk, List<(int Index, TableTransactionAction Action)> batch, Outcome[] outcomes, CancellationToken cancellationToken)
    {
        try
        {
            await tables.GetTableClient(chunk[0].Table).SubmitCheckedAsync(batch.Select(b => b.Action), cancellationToken).ConfigureAwait(false);
            foreach (var (index, _) in batch)
            {
                outcomes[index] = Outcome.Rewritten;
            }
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412 || e is TableTransactionFailedException)
        {
            foreach (var (index, _) in batch)
            {
                outcomes[index] = await ResealRowAsync(chunk[index], cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// <paramref name="entity"/>, read through the policy, if none of its values is still sealed. Written back as read, a
    /// sealed value would stay under its old version while the row counted as rewritten: the job would report a rotation
    /// finished that is not.
    /// </summary>
    private static TableEntity Opened(string table, TableEntity entity) =>
        EnvelopeVersions.InEntity(table, entity).Count == 0
            ? entity
            : throw new InvalidOperationException($"Row {entity.RowKey} of {table} came back sealed through the encryption policy.");

    /// <summary>The row's sealed columns as read in clear: text, or bytes for a binary column (the pending events' parts); the policy seals either.</summary>
    private static TableEntity Update(SealedRow row, TableEntity clear)
    {
        var update = new TableEntity(row.PartitionKey, row.RowKey);
        foreach (var value in row.Values)
        {
            update[value.Column] = clear[value.Column];
        }
        return update;
    }

    public async Task<PageResult> BlobPageAsync(string container, string tenant, string? continuation, int current, CancellationToken cancellationToken)
    {
        var scan = await ScanContainerAsync(container, tenant, continuation, BlobPageSize, cancellationToken).ConfigureAwait(false);
        var tally = new Tally(current);
        foreach (var blob in scan.Sealed)
        {
            var outcome = EnvelopeVersions.NeedsReseal(blob.Version, current) ? await ResealBlobAsync(blob, cancellationToken).ConfigureAwait(false) : (Outcome?)null;
            // As for rows: a blob skipped because it changed counts with the version it holds now.
            tally.Add(outcome == Outcome.Changed ? await StoredVersionAsync(blob, cancellationToken).ConfigureAwait(false) : blob.Version, outcome);
        }
        return tally.Result(scan.Scanned, scan.Continuation);
    }

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

    /// <summary>One page of the tenant's rows of <paramref name="table"/> as stored: the keys, ETag and sealed values' versions of each.</summary>
    public async Task<Scan<SealedRow>> ScanTableAsync(string table, string tenant, string? continuation, int pageSize, CancellationToken cancellationToken)
    {
        var select = new[] { "PartitionKey", "RowKey" }.Concat(SensitiveColumns.Of(table).Select(c => c.Name)).ToList();
        var pages = rawTables.GetTableClient(table)
            .QueryAsync<TableEntity>(BackupScope.TenantFilter(table, tenant), pageSize, select, cancellationToken)
            .AsPages(continuation, pageSize);
        await foreach (var page in pages.ConfigureAwait(false))
        {
            var rows = new List<SealedRow>();
            foreach (var entity in page.Values)
            {
                var values = EnvelopeVersions.InEntity(table, entity);
                if (values.Count > 0)
                {
                    rows.Add(new SealedRow(table, entity.PartitionKey, entity.RowKey, entity.ETag, values));
                }
            }
            return new Scan<SealedRow>(page.Values.Count, rows, Next(page.ContinuationToken));
        }
        return new Scan<SealedRow>(0, [], null);
    }

    /// <summary>One page of the tenant's blobs in <paramref name="container"/>: the version in each sealed blob's first bytes.</summary>
    public async Task<Scan<SealedBlob>> ScanContainerAsync(string container, string tenant, string? continuation, int pageSize, CancellationToken cancellationToken)
    {
        var client = rawBlobs.GetBlobContainerClient(container);
        var pages = client.GetBlobsAsync(BlobTraits.None, BlobStates.None, BackupScope.TenantBlobPrefix(tenant), cancellationToken).AsPages(continuation, pageSize);
        await foreach (var page in pages.ConfigureAwait(false))
        {
            var sealedBlobs = new List<SealedBlob>();
            foreach (var item in page.Values)
            {
                if (item.Properties.ContentLength < EnvelopeVersions.BlobHeadLength)
                {
                    continue; // Too short to be an envelope: written in clear.
                }
                BlobDownloadResult head;
                try
                {
                    head = (await client.GetBlobClient(item.Name).DownloadContentAsync(
                        new BlobDownloadOptions { Range = new HttpRange(0, EnvelopeVersions.BlobHeadLength) }, cancellationToken).ConfigureAwait(false)).Value;
                }
                catch (RequestFailedException e) when (e.Status == 404)
                {
                    continue; // Deleted since the listing.
                }
                if (EnvelopeVersions.OfBlob(head.Content.ToMemory().Span) is { } version)
                {
                    sealedBlobs.Add(new SealedBlob(container, item.Name, head.Details.ETag, version));
                }
            }
            return new Scan<SealedBlob>(page.Values.Count, sealedBlobs, Next(page.ContinuationToken));
        }
        return new Scan<SealedBlob>(0, [], null);
    }

    /// <summary>The last page of a blob listing says "" where a table query says null: both are the end.</summary>
    private static string? Next(string? continuation) => string.IsNullOrEmpty(continuation) ? null : continuation;

    /// <summary>
    /// Writes the row's sealed columns again, in clear through the encryption policy (which seals them under the current
    /// version), merged so no other column is touched, if the row still has the ETag the scan read.
    /// </summary>
    public async Task<Outcome> ResealRowAsync(SealedRow row, CancellationToken cancellationToken)
    {
        var client = tables.GetTableClient(row.Table);
        var columns = row.Values.Select(v => v.Column).ToList();
        try
        {
            var clear = Opened(row.Table, (await client.GetEntityAsync<TableEntity>(row.PartitionKey, row.RowKey, columns, cancellationToken).ConfigureAwait(false)).Value);
            if (clear.ETag != row.ETag)
            {
                return Outcome.Changed;
            }
            await client.UpdateCheckedAsync(Update(row, clear), row.ETag, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
            return Outcome.Rewritten;
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            return Outcome.Changed;
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

    /// <summary>
    /// The counts of one page. The oldest version remaining: a value left as it is counts with the version the scan saw,
    /// a rewritten one with the current version, and one skipped because it changed with the version it holds now (a
    /// merge that did not write its sealed columns keeps the old one; a duplicate delivery's re-seal, the current one).
    /// </summary>
    public sealed class Tally(int current)
    {
        private int rewritten;
        private int skipped;
        private int? oldest;

        /// <param name="version">The oldest version it holds; null when it holds nothing sealed (gone, or skipped and since written in clear).</param>
        /// <param name="outcome">Null when it was current and not written.</param>
        public void Add(int? version, Outcome? outcome)
        {
            switch (outcome)
            {
                case Outcome.Rewritten:
                    rewritten++;
                    version = current;
                    break;
                case Outcome.Changed:
                    skipped++;
                    break;
            }
            if (version is { } v)
            {
                oldest = oldest is { } o ? Math.Min(o, v) : v;
            }
        }

        public PageResult Result(int scanned, string? continuation) => new(scanned, rewritten, skipped, oldest, continuation);
    }
}
