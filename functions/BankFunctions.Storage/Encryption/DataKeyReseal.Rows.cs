using Azure;
using Azure.Data.Tables;
using BankFunctions.Storage.Guard;

namespace BankFunctions.Storage.Encryption;

/// <summary>Re-sealing rows: in transactions per partition, row by row when a transaction fails (<see cref="DataKeyReseal"/>).</summary>
public sealed partial class DataKeyReseal
{
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
}
