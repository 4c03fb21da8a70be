using System.Globalization;
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

/// <summary>An entry about to be stored: its row (keyed for the optimistic case) and its identity.</summary>
public sealed record KeyedRow(StatementEntryRow Row, EntryIdentity Identity);

/// <summary>An entry stored beside an earlier one that has its bank reference but another amount, date or direction.</summary>
public sealed record EntryConflict(StatementEntryRow Stored, StatementEntryRow Earlier);

/// <summary>What storing a batch did: the counts and the reference conflicts to report.</summary>
public sealed record StoreResult(StoreCounts Counts, IReadOnlyList<EntryConflict> Conflicts);

/// <summary>
/// Stores entries exactly once (identity rules: <see cref="EntryKeys"/>). A new booking is its entry row (RowKey = day
/// + bucket slot, which is also the bucket's guard) and, when it has a bank reference, its reference row ("ekey|r-…"),
/// added in one entity-group transaction — a second pull adding the same slot or reference gets 409, so two pulls
/// never both store it. The fast path assumes every bucket of a chunk is new and adds everything at once (no reads);
/// a chunk that hits a known slot or reference is sorted out bucket by bucket: the bucket's slots are read (point reads
/// from slot 0 until one is missing), each entry is matched to a stored member or given the next free slot, and the
/// bucket's writes go in one transaction (adds; ETag-guarded replaces for upgrades), decided again if anything changed
/// meanwhile. All entries of one bucket in a batch go to the same chunk, so chunks of a file can commit side by side.
/// Every transaction that stores a booking (new, or pending → booked) also adds one pending-event row with a
/// <c>transaction.booked</c> event per booking (<see cref="Events.AccountEvents"/>, issue #14): no booking without its
/// event, and a repeated pull, which stores nothing, announces nothing. That row is why a transaction takes 49 entries.
/// </summary>
public sealed partial class EntryStore(StorageClients storage, TimeProvider clock)
{
    /// <summary>49 entries with their reference rows and the event row: 99 of a transaction's 100 entities.</summary>
    private const int EntriesPerTransaction = 49;
    private const int ConcurrentTransactions = 4;
    private const int Attempts = 8;
    private const int MaxActions = 99;

    private TableClient Table => storage.Table(TableNames.Statements);

    public async Task<StoreResult> StoreAsync(IReadOnlyList<KeyedRow> entries, EntryKeys run, CancellationToken cancellationToken)
    {
        var total = StoreCounts.None;
        var conflicts = new List<EntryConflict>();
        foreach (var wave in Chunks(entries).Chunk(ConcurrentTransactions))
        {
            foreach (var result in await Task.WhenAll(wave.Select(chunk => StoreChunkAsync(chunk, run, cancellationToken))))
            {
                total += result.Counts;
                conflicts.AddRange(result.Conflicts);
            }
        }
        return new StoreResult(total, conflicts);
    }

    /// <summary>Chunks of at most 50 entries in which every bucket is whole (a bucket of more than 50 entries is a chunk of its own).</summary>
    private static List<List<KeyedRow>> Chunks(IReadOnlyList<KeyedRow> entries)
    {
        var chunks = new List<List<KeyedRow>>();
        var current = new List<KeyedRow>();
        foreach (var bucket in entries.GroupBy(e => e.Identity.Bucket, StringComparer.Ordinal))
        {
            var rows = bucket.ToList();
            if (current.Count + rows.Count > EntriesPerTransaction && current.Count > 0)
            {
                chunks.Add(current);
                current = [];
            }
            current.AddRange(rows);
        }
        if (current.Count > 0)
        {
            chunks.Add(current);
        }
        return chunks;
    }

    private async Task<StoreResult> StoreChunkAsync(List<KeyedRow> chunk, EntryKeys run, CancellationToken cancellationToken)
    {
        if (chunk.Count <= EntriesPerTransaction && await TryAddAllAsync(chunk, run, cancellationToken))
        {
            return new StoreResult(new StoreCounts(chunk.Count, 0, 0), []);
        }
        // Some of these are known (an overlapping pull, a repeated import, another format of the same day).
        var results = await Task.WhenAll(chunk.GroupBy(e => e.Identity.Bucket, StringComparer.Ordinal)
            .Select(bucket => StoreBucketAsync(bucket.ToList(), run, cancellationToken)));
        return new StoreResult(results.Aggregate(StoreCounts.None, (a, r) => a + r.Counts), results.SelectMany(r => r.Conflicts).ToList());
    }

    /// <summary>The fast path: every entry takes the slot of its occurrence in the file and its reference row, all in one transaction.</summary>
    private async Task<bool> TryAddAllAsync(List<KeyedRow> chunk, EntryKeys run, CancellationToken cancellationToken)
    {
        var claimed = new List<string>();
        foreach (var entry in chunk)
        {
            SetSlot(entry.Row, entry.Identity, entry.Identity.Slot);
            if (!run.Claim(entry.Row.RowKey))
            {
                claimed.ForEach(run.Release);
                return false; // This file already filled that slot by another route: decide with reads.
            }
            claimed.Add(entry.Row.RowKey);
        }
        try
        {
            await Table.SubmitCheckedAsync(WithEvents(chunk.SelectMany(e => Insert(e.Row, e.Identity.RefKey)).ToList(),
                chunk.Where(e => e.Row.Status == EntryStatus.Booked).Select(e => e.Row)), cancellationToken);
            return true;
        }
        catch (TableTransactionFailedException e) when (e.Status == 409)
        {
            claimed.ForEach(run.Release);
            return false;
        }
    }

    /// <summary>
    /// One bucket's entries, decided against what is stored and written; decided again on a conflict. A bucket of
    /// more entries than one transaction holds is written in several, each entry's writes whole in one of them: when a
    /// later one conflicts, the entries already committed stay settled (their counts and claims kept) and only the
    /// rest is decided again — reading the bucket anew, so they fit around what this and the other writer stored.
    /// Every conflict means another writer committed something of this bucket, so the attempts make progress; after
    /// <see cref="Attempts"/> the caller learns it as a <see cref="EntryContentionException"/> (nothing half-written
    /// that storing the file again does not complete).
    /// </summary>
    private async Task<StoreResult> StoreBucketAsync(List<KeyedRow> entries, EntryKeys run, CancellationToken cancellationToken)
    {
        var counts = StoreCounts.None;
        var conflicts = new List<EntryConflict>();
        var remaining = entries;
        for (var attempt = 1; ; attempt++)
        {
            var claims = new List<(KeyedRow Entry, string RowKey)>();
            var plan = await PlanAsync(remaining, run, claims, cancellationToken);
            var settled = new HashSet<KeyedRow>(ReferenceEqualityComparer.Instance);
            try
            {
                foreach (var transaction in Transactions(plan))
                {
                    await Table.SubmitCheckedAsync(WithEvents(transaction.SelectMany(p => p.Actions).ToList(), transaction.Where(Books).Select(p => p.Entry.Row)), cancellationToken);
                    foreach (var committed in transaction)
                    {
                        Settle(committed);
                    }
                }
                foreach (var unchanged in plan.Where(p => !settled.Contains(p.Entry)))
                {
                    Settle(unchanged); // Duplicates: nothing to write.
                }
                return new StoreResult(counts, conflicts);
            }
            catch (TableTransactionFailedException e) when (e.Status is 409 or 412 or 404)
            {
                // Another pull stored or upgraded part of this bucket meanwhile: read it again and decide the rest again.
                foreach (var claim in claims.Where(c => !settled.Contains(c.Entry)))
                {
                    run.Release(claim.RowKey);
                }
                remaining = remaining.Where(e => !settled.Contains(e)).ToList();
                if (attempt >= Attempts)
                {
                    throw new EntryContentionException(entries[0].Identity.Bucket, attempt, e);
                }
            }

            void Settle(EntryPlan done)
            {
                settled.Add(done.Entry);
                counts += done.Counts;
                if (done.Conflict is not null)
                {
                    conflicts.Add(done.Conflict);
                }
            }
        }
    }

    /// <summary>Whether this entry's writes store a booking: a new booked entry, or a pending one now booked.</summary>
    private static bool Books(EntryPlan p) => p.Counts.Stored + p.Counts.Upgraded > 0 && p.Entry.Row.Status == EntryStatus.Booked;

    /// <summary><paramref name="actions"/> and, when they store bookings, the pending-event row announcing them.</summary>
    private List<TableTransactionAction> WithEvents(List<TableTransactionAction> actions, IEnumerable<StatementEntryRow> booked)
    {
        var drafts = booked.Select(Events.AccountEvents.Booked).ToList();
        if (drafts.Count > 0)
        {
            actions.Add(new(TableTransactionActionType.Add, Events.AccountEvents.PendingRow(actions[0].Entity.PartitionKey, drafts, clock.GetUtcNow())));
        }
        return actions;
    }

    /// <summary>Each entry's writes stay together in one transaction (at most 99 actions each, the event row the 100th); entries without writes are left out.</summary>
    private static IEnumerable<List<EntryPlan>> Transactions(List<EntryPlan> plan)
    {
        var current = new List<EntryPlan>();
        var actions = 0;
        foreach (var entry in plan.Where(p => p.Actions.Count > 0))
        {
            if (actions + entry.Actions.Count > MaxActions)
            {
                yield return current;
                (current, actions) = ([], 0);
            }
            current.Add(entry);
            actions += entry.Actions.Count;
        }
        if (current.Count > 0)
        {
            yield return current;
        }
    }

    private static bool Claim(EntryKeys run, List<(KeyedRow Entry, string RowKey)> claims, KeyedRow entry, string rowKey)
    {
        if (!run.Claim(rowKey))
        {
            return false;
        }
        claims.Add((entry, rowKey));
        return true;
    }

    private static void SetSlot(StatementEntryRow row, EntryIdentity identity, int slot)
    {
        row.EntryKey = EntryKeys.SlotKey(identity.Bucket, slot);
        row.RowKey = TableKeys.StatementEntryRow(identity.Day, row.EntryKey);
    }

    private static IEnumerable<TableTransactionAction> Insert(StatementEntryRow row, string? refKey)
    {
        yield return new(TableTransactionActionType.Add, row);
        if (refKey is not null)
        {
            yield return new(TableTransactionActionType.Add, Reference(row, refKey));
        }
    }

    private static EntryGuardRow Reference(StatementEntryRow row, string refKey) => new()
    {
        PartitionKey = row.PartitionKey, RowKey = TableKeys.EntryGuardRow(refKey), EntryRowKey = row.RowKey, Status = row.Status,
    };
}
