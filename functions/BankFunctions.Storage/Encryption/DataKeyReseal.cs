using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

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
public sealed partial class DataKeyReseal(TableServiceClient rawTables, BlobServiceClient rawBlobs, TableServiceClient tables, BlobServiceClient blobs)
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
