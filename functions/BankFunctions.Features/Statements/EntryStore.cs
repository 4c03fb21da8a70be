using Azure;
using Azure.Data.Tables;
using BankFunctions.Formats.Statements;
using BankFunctions.Storage;
using BankFunctions.Storage.Guard;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Statements;

/// <summary>What happened to a chunk of entries: stored for the first time, already there, or upgraded pending → booked.</summary>
public sealed record StoreCounts(int Stored, int Duplicates, int Upgraded)
{
    public static StoreCounts operator +(StoreCounts a, StoreCounts b) => new(a.Stored + b.Stored, a.Duplicates + b.Duplicates, a.Upgraded + b.Upgraded);
    public static readonly StoreCounts None = new(0, 0, 0);
}

/// <summary>
/// Stores entries exactly once. Each entry is two rows in the account's partition — the entry (ordered for listing)
/// and its key guard — added in one entity-group transaction, so a crash never leaves one without the other and the
/// guard's 409 is the dedupe. Fifty entries go in one transaction (100 rows, the limit); a chunk that hits a known
/// key is split by reading its guards, and a pending entry later reported booked replaces its row atomically.
/// </summary>
public sealed class EntryStore(StorageClients storage)
{
    private const int EntriesPerTransaction = 50;
    private const int ConcurrentTransactions = 4;

    private TableClient Table => storage.Table(TableNames.Statements);

    public async Task<StoreCounts> StoreAsync(IReadOnlyList<StatementEntryRow> entries, CancellationToken cancellationToken)
    {
        // Chunks hold different entries, so they can commit side by side; each stays one atomic transaction.
        var total = StoreCounts.None;
        foreach (var wave in entries.Chunk(EntriesPerTransaction).Chunk(ConcurrentTransactions))
        {
            foreach (var counts in await Task.WhenAll(wave.Select(chunk => StoreChunkAsync(chunk, cancellationToken))))
            {
                total += counts;
            }
        }
        return total;
    }

    private async Task<StoreCounts> StoreChunkAsync(IReadOnlyList<StatementEntryRow> chunk, CancellationToken cancellationToken)
    {
        try
        {
            await Table.SubmitCheckedAsync(chunk.SelectMany(Insert), cancellationToken);
            return new StoreCounts(chunk.Count, 0, 0);
        }
        catch (TableTransactionFailedException e) when (e.Status == 409)
        {
            // Some of these are already stored (an overlapping pull, a repeated import): sort them out one by one.
        }
        var counts = StoreCounts.None;
        var fresh = new List<StatementEntryRow>();
        var guards = await RowKeyLookup.FindAsync<EntryGuardRow>(Table, chunk[0].PartitionKey, chunk.Select(r => TableKeys.EntryGuardRow(r.EntryKey)), cancellationToken);
        foreach (var row in chunk)
        {
            if (!guards.TryGetValue(TableKeys.EntryGuardRow(row.EntryKey), out var guard))
            {
                fresh.Add(row);
            }
            else if (guard.Status == Formats.Statements.EntryStatus.Pending && row.Status == Formats.Statements.EntryStatus.Booked)
            {
                counts += await UpgradeAsync(guard, row, cancellationToken);
            }
            else
            {
                counts += new StoreCounts(0, 1, 0);
            }
        }
        foreach (var row in fresh)
        {
            counts += await InsertOneAsync(row, cancellationToken);
        }
        return counts;
    }

    private async Task<StoreCounts> InsertOneAsync(StatementEntryRow row, CancellationToken cancellationToken)
    {
        try
        {
            await Table.SubmitCheckedAsync(Insert(row), cancellationToken);
            return new StoreCounts(1, 0, 0);
        }
        catch (TableTransactionFailedException e) when (e.Status == 409)
        {
            return new StoreCounts(0, 1, 0); // A concurrent pull stored it a moment ago.
        }
    }

    /// <summary>The booked report of an entry first seen as pending: the booked row replaces the pending one.</summary>
    private async Task<StoreCounts> UpgradeAsync(EntryGuardRow guard, StatementEntryRow booked, CancellationToken cancellationToken)
    {
        var old = await Table.GetEntityIfExistsAsync<StatementEntryRow>(guard.PartitionKey, guard.EntryRowKey, cancellationToken: cancellationToken);
        if (old.HasValue)
        {
            booked.PaymentIds ??= old.Value!.PaymentIds;
            booked.Matched |= old.Value!.Matched;
        }
        guard.EntryRowKey = booked.RowKey;
        guard.Status = booked.Status;
        var actions = new List<TableTransactionAction> { new(TableTransactionActionType.UpdateReplace, guard, guard.ETag) };
        if (old.HasValue && old.Value!.RowKey != booked.RowKey)
        {
            actions.Add(new(TableTransactionActionType.Delete, old.Value, ETag.All));
            actions.Add(new(TableTransactionActionType.Add, booked));
        }
        else
        {
            actions.Add(new(TableTransactionActionType.UpsertReplace, booked));
        }
        try
        {
            await Table.SubmitCheckedAsync(actions, cancellationToken);
            return new StoreCounts(0, 0, 1);
        }
        catch (TableTransactionFailedException e) when (e.Status is 409 or 412 or 404)
        {
            return new StoreCounts(0, 1, 0); // Another pull upgraded it first.
        }
    }

    private static IEnumerable<TableTransactionAction> Insert(StatementEntryRow row) =>
    [
        new(TableTransactionActionType.Add, row),
        new(TableTransactionActionType.Add, new EntryGuardRow
        {
            PartitionKey = row.PartitionKey, RowKey = TableKeys.EntryGuardRow(row.EntryKey), EntryRowKey = row.RowKey, Status = row.Status,
        }),
    ];
}
