using Azure.Data.Tables;
using BankFunctions.Formats.Statements;
using BankFunctions.Storage;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Statements;

/// <summary>
/// The slow path of <see cref="EntryStore"/>: what to do with one bucket's entries when some of it is stored already —
/// read the bucket, match each entry to the stored member that fits it best (<see cref="EntryKeys.Score"/>), look
/// the unmatched up by bank reference, and plan the writes (new slots, upgrades in place, moves, conflicts).
/// </summary>
public sealed partial class EntryStore
{
    private const int ReadsInFlight = 48;

    /// <summary>One entry's part of a bucket decision: its writes (committed together), what they count, the conflict they report.</summary>
    private sealed record EntryPlan(KeyedRow Entry, List<TableTransactionAction> Actions, StoreCounts Counts, EntryConflict? Conflict);

    private async Task<List<EntryPlan>> PlanAsync(List<KeyedRow> entries, EntryKeys run, List<(KeyedRow Entry, string RowKey)> claims, CancellationToken cancellationToken)
    {
        var identity = entries[0].Identity;
        var partition = entries[0].Row.PartitionKey;
        var members = new Dictionary<int, StatementEntryRow>();
        var matches = new Dictionary<KeyedRow, StatementEntryRow>();
        var complete = false;
        var next = 0;
        var wave = 0;
        // Read the bucket's slots until one is missing (slots are filled from 0 up), but stop early when every
        // entry has found its stored twin — the common case of a repeated pull costs one read per entry.
        while (true)
        {
            // First as many slots as entries, then twice as many each round (a crowded bucket: fee days), at most
            // as many reads in flight as RowKeyLookup allows.
            wave = Math.Clamp(next == 0 ? entries.Count : 2 * wave, 1, ReadsInFlight);
            var found = await Task.WhenAll(Enumerable.Range(next, wave).Select(async slot =>
                (slot, await Table.GetEntityIfExistsAsync<StatementEntryRow>(partition, TableKeys.StatementEntryRow(identity.Day, EntryKeys.SlotKey(identity.Bucket, slot)), cancellationToken: cancellationToken))));
            foreach (var (slot, row) in found)
            {
                if (row.HasValue)
                {
                    members[slot] = row.Value!;
                }
                else
                {
                    complete = true;
                }
            }
            next += wave;
            Match(entries.Where(e => !matches.ContainsKey(e)).ToList(), members.Values, matches, run, claims);
            if (complete || matches.Count == entries.Count)
            {
                break;
            }
        }

        var plan = new List<EntryPlan>();
        foreach (var entry in entries)
        {
            var actions = new List<TableTransactionAction>();
            var stored = matches.GetValueOrDefault(entry);
            StatementEntryRow? earlier = null;
            if (stored is null && entry.Identity.RefKey is { } refKey)
            {
                // Not in its bucket: is its reference known from another bucket (or from before buckets)?
                (stored, earlier) = await ByReferenceAsync(entry, partition, refKey, run, claims, cancellationToken);
            }
            var sharesTruncation = earlier is not null && EntryFits.SharesTruncatedReference(entry.Row, earlier);
            if (stored is not null && (members.ContainsValue(stored) || EntryFits.SameDay(stored, entry.Row) || EntryFits.BookedSince(entry.Row, stored)))
            {
                var storedReference = stored.BankReference;
                var counts = Update(entry, stored, actions);
                if (actions.Count > 0 && entry.Identity.RefKey is { } fuller && entry.Row.BankReference != storedReference
                    && !(await Table.GetEntityIfExistsAsync<EntryGuardRow>(partition, TableKeys.EntryGuardRow(fuller), cancellationToken: cancellationToken)).HasValue)
                {
                    // The full reference replaced a truncated (or missing) one: index it, so a reuse of it is found.
                    actions.Add(new(TableTransactionActionType.Add, Reference(entry.Row, fuller)));
                }
                plan.Add(new EntryPlan(entry, actions, counts, null));
                continue;
            }
            var slot = Enumerable.Range(0, int.MaxValue).First(s => !members.ContainsKey(s) && Claim(run, claims, entry, TableKeys.StatementEntryRow(identity.Day, EntryKeys.SlotKey(identity.Bucket, s))));
            SetSlot(entry.Row, entry.Identity, slot);
            members[slot] = entry.Row;
            if (stored is not null)
            {
                // A pending entry booked on another day: it moves to its booked bucket, its reference row follows.
                actions.Add(new(TableTransactionActionType.Delete, stored, stored.ETag));
                actions.Add(new(TableTransactionActionType.Add, Merge(entry.Row, stored)));
                actions.Add(new(TableTransactionActionType.UpsertReplace, Reference(entry.Row, entry.Identity.RefKey!)));
                plan.Add(new EntryPlan(entry, actions, new StoreCounts(0, 0, 1), null));
                continue;
            }
            actions.AddRange(Insert(entry.Row, earlier is null ? entry.Identity.RefKey : null));
            plan.Add(new EntryPlan(entry, actions, new StoreCounts(1, 0, 0), earlier is null || sharesTruncation ? null : new EntryConflict(entry.Row, earlier)));
        }
        return plan;
    }

    /// <summary>Best fits first: every entry takes the free member that fits it best, in passes from the best score down.</summary>
    private static void Match(List<KeyedRow> entries, ICollection<StatementEntryRow> members, Dictionary<KeyedRow, StatementEntryRow> matches, EntryKeys run, List<(KeyedRow Entry, string RowKey)> claims)
    {
        for (var score = 4; score >= 0; score--)
        {
            foreach (var entry in entries.Where(e => !matches.ContainsKey(e)))
            {
                var fit = members.FirstOrDefault(m => !run.IsClaimed(m.RowKey)
                    && EntryKeys.Score(entry.Row.BankReference, entry.Row.EndToEndId, m.BankReference, m.EndToEndId) == score
                    && Claim(run, claims, entry, m.RowKey));
                if (fit is not null)
                {
                    matches[entry] = fit;
                }
            }
        }
    }

    /// <summary>
    /// The stored entry with this entry's bank reference, when it is not in the entry's bucket: the same booking if it
    /// was pending with the same amount and currency (it moves to the booked day), or stored before buckets existed;
    /// otherwise a different booking under a reused reference (returned as <c>earlier</c>: a conflict).
    /// </summary>
    private async Task<(StatementEntryRow? Same, StatementEntryRow? Earlier)> ByReferenceAsync(
        KeyedRow entry, string partition, string refKey, EntryKeys run, List<(KeyedRow Entry, string RowKey)> claims, CancellationToken cancellationToken)
    {
        var guard = await Table.GetEntityIfExistsAsync<EntryGuardRow>(partition, TableKeys.EntryGuardRow(refKey), cancellationToken: cancellationToken);
        if (!guard.HasValue)
        {
            return (null, null);
        }
        var found = await Table.GetEntityIfExistsAsync<StatementEntryRow>(partition, guard.Value!.EntryRowKey, cancellationToken: cancellationToken);
        if (!found.HasValue)
        {
            return (null, null);
        }
        var stored = found.Value!;
        if (EntryFits.SameBookingByReference(entry.Row, entry.Identity.Bucket, stored) && !run.IsClaimed(stored.RowKey) && Claim(run, claims, entry, stored.RowKey))
        {
            return (stored, null);
        }
        return (null, stored);
    }

    /// <summary>A matched entry: replaces the stored row when it says more (booked, the full reference), otherwise a duplicate.</summary>
    private static StoreCounts Update(KeyedRow entry, StatementEntryRow stored, List<TableTransactionAction> actions)
    {
        if (!EntryKeys.Supersedes(entry.Row.Status, entry.Row.BankReference, stored.Status, stored.BankReference))
        {
            // Nothing to write, but the caller learns which stored booking this is (expected payments are settled by it).
            (entry.Row.RowKey, entry.Row.EntryKey) = (stored.RowKey, stored.EntryKey);
            // The stored tie stands (by reference, by hand, or by amount and date when fewer payments were open):
            // the caller books only the payments the stored row names, never a second pick for the same booking.
            entry.Row.PaymentIds = stored.PaymentIds ?? entry.Row.PaymentIds;
            entry.Row.Matched |= stored.Matched;
            return new StoreCounts(0, 1, 0);
        }
        var row = Merge(entry.Row, stored);
        var upgraded = stored.Status == EntryStatus.Pending && row.Status == EntryStatus.Booked;
        // Replaced in place: the entry keeps its id (and a row stored before buckets keeps its old key).
        (row.RowKey, row.EntryKey) = (stored.RowKey, stored.EntryKey);
        actions.Add(new(TableTransactionActionType.UpdateReplace, row, stored.ETag));
        return upgraded ? new StoreCounts(0, 0, 1) : new StoreCounts(0, 1, 0);
    }

    /// <summary>
    /// What reconciliation learnt about the stored row stays with the row that replaces it, and so do references the
    /// new row lacks: a pending camt.052 entry with its full bank reference booked by the day's MT940, which cuts the
    /// reference to 16 characters, keeps the full one (and an end-to-end id or UETR only the stored row had).
    /// </summary>
    private static StatementEntryRow Merge(StatementEntryRow row, StatementEntryRow stored)
    {
        row.PaymentIds = stored.PaymentIds ?? row.PaymentIds; // the stored tie stands (see Update)
        row.Matched |= stored.Matched;
        if (stored.BankReference?.Trim() is { } full && row.BankReference?.Trim() is { Length: > 0 } cut
            && full.Length > cut.Length && full.StartsWith(cut, StringComparison.Ordinal))
        {
            row.BankReference = stored.BankReference;
        }
        row.BankReference ??= stored.BankReference;
        row.EndToEndId ??= stored.EndToEndId;
        row.Uetr ??= stored.Uetr;
        return row;
    }
}
