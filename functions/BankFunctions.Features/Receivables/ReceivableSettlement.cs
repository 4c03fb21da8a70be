using System.Globalization;
using Azure;
using Azure.Data.Tables;
using BankFunctions.Domain;
using BankFunctions.Features.Payments;
using BankFunctions.Formats.Statements;
using BankFunctions.Storage;
using BankFunctions.Storage.Guard;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Receivables;

/// <summary>
/// Settles expected payments from stored statement entries (called by the statement ingest after each flush, for every
/// entry of it — new or already stored). Only booked entries that are not reversals count. The account's open
/// expected payments are read once per run into a <see cref="ReceivableMatcher"/>; an entry already settled (its
/// <see cref="EntrySettlementRow"/> guard exists: one range query per booking day) is left out, the rest matched.
/// <para>
/// Each entry's writes are one entity-group transaction in the tenant partition: the guard (Add — a second run of the
/// same entry gets 409), each expected payment it settles (ETag-guarded replace) and the audit row listing each change.
/// Entries touching different expected payments share a transaction (up to 100 actions, four in flight); an
/// expected payment touched by several entries of a flush is written in order, one round each. When a shared
/// transaction fails, its entries are written one by one: 409 — settled by another run, nothing to do; 412 — the
/// expected payment changed meanwhile (a concurrent pull, a cancel): read again and the entry's allocation applied to what
/// is open now (never below zero, never a cancelled one). After any such conflict the next flush reads the open
/// expected payments again.
/// </para>
/// </summary>
public sealed class ReceivableSettlement(StorageClients storage, ExpectedPaymentStore store, TimeProvider clock, AuditRows audit)
{
    private const string Function = nameof(ReceivableSettlement);
    private const int MaxActions = 100;
    private const int ConcurrentTransactions = 4;
    private const int Attempts = 5;

    /// <summary>One statement run of one account: the matcher and the rows it was built from, read on first use.</summary>
    public sealed class Run(string tenantId, string accountId)
    {
        public string TenantId { get; } = tenantId;
        public string AccountId { get; } = accountId;
        internal ReceivableMatcher? Matcher { get; set; }
        internal Dictionary<string, ExpectedPaymentRow> Rows { get; set; } = new(StringComparer.Ordinal);
        /// <summary>Per booking day (its entry RowKey prefix): the entries known to have settled something, read once per run.</summary>
        internal Dictionary<string, HashSet<string>> SettledByDay { get; } = new(StringComparer.Ordinal);
        /// <summary>Entries that settled something in this run.</summary>
        public int Settled { get; internal set; }
        /// <summary>The flushes handed over so far, settled one after the other (<see cref="Enqueue"/>).</summary>
        internal Task Pending { get; set; } = Task.CompletedTask;
        /// <summary>The open expected payments, read from the start of the run (beside parsing and storing its first flush).</summary>
        internal Task<List<ExpectedPaymentRow>>? Loading { get; set; }
    }

    /// <summary>An entry's settlement: what the matcher decided for it (its guard and expected payments are written from it).</summary>
    private sealed record Plan(StatementEntryRow Entry, EntryMatch Match);

    public Run Begin(string tenantId, string accountId, CancellationToken cancellationToken) =>
        new(tenantId, accountId) { Loading = store.OpenAsync(tenantId, accountId, cancellationToken) };

    /// <summary>
    /// Settles these stored entries after the flushes handed over before (in order, so the matcher sees each flush's
    /// effects), while the caller goes on storing the next flush. <see cref="CompleteAsync"/> waits for all of them.
    /// </summary>
    public void Enqueue(Run run, IReadOnlyList<StatementEntryRow> entries, CancellationToken cancellationToken)
    {
        var previous = run.Pending;
        run.Pending = AfterAsync();

        async Task AfterAsync()
        {
            await previous;
            await SettleAsync(run, entries, cancellationToken);
        }
    }

    /// <summary>Every flush handed over settled (its failure, if any, thrown here).</summary>
    public Task CompleteAsync(Run run) => run.Pending;

    /// <summary>Waits for what is under way without throwing (the caller is failing already and reports its own error).</summary>
    public Task AbandonAsync(Run run) => Task.WhenAll(run.Pending, run.Loading ?? Task.CompletedTask)
        .ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);

    /// <summary>Matches and settles these stored entries; returns how many entries settled something.</summary>
    public async Task<int> SettleAsync(Run run, IReadOnlyList<StatementEntryRow> entries, CancellationToken cancellationToken)
    {
        var candidates = entries.Where(Matchable).ToList();
        if (candidates.Count == 0)
        {
            return 0;
        }
        if (run.Matcher is null)
        {
            var open = await (run.Loading ?? store.OpenAsync(run.TenantId, run.AccountId, cancellationToken));
            run.Loading = null; // Read again from storage if the matcher is dropped after a conflict.
            run.Rows = open.ToDictionary(r => r.ExpectedPaymentId, StringComparer.Ordinal);
            run.Matcher = new ReceivableMatcher(open.Select(ExpectedPaymentRows.ToMatchable));
        }
        if (run.Matcher.OpenCount == 0)
        {
            return 0;
        }
        var settledBefore = await SettledAsync(run, candidates, cancellationToken);
        var plans = new List<Plan>();
        foreach (var entry in candidates.Where(e => !settledBefore.Contains(e.RowKey)).DistinctBy(e => e.RowKey))
        {
            if (run.Matcher.Match(ToMatchable(entry)) is { } match)
            {
                plans.Add(new Plan(entry, match));
            }
        }
        var settled = 0;
        var conflicted = false;
        foreach (var round in Rounds(plans))
        {
            var transactions = Transactions(round);
            foreach (var wave in transactions.Chunk(ConcurrentTransactions))
            {
                var results = await Task.WhenAll(wave.Select(t => WriteSharedAsync(run, t, cancellationToken)));
                foreach (var (written, conflict) in results)
                {
                    settled += written;
                    conflicted |= conflict;
                }
            }
        }
        if (conflicted)
        {
            run.Matcher = null; // Someone else changed these expected payments: the next flush starts from storage.
        }
        run.Settled += settled;
        return settled;
    }

    /// <summary>Booked, not a reversal, a known currency and amount: what can settle an expected payment.</summary>
    private static bool Matchable(StatementEntryRow e) =>
        e.Status == EntryStatus.Booked && !e.IsReversal && (e.BookingDate ?? e.ValueDate) is not null && Money.TryParse(e.Amount, e.Currency, out _) is not null;

    private static MatchableEntry ToMatchable(StatementEntryRow e) => new(
        e.RowKey, Money.Parse(e.Amount, e.Currency),
        DateOnly.ParseExact(e.BookingDate ?? e.ValueDate!, "yyyy-MM-dd", CultureInfo.InvariantCulture),
        RemittanceWords.Key(e.CounterpartyAccount), e.RemittanceInformation);

    /// <summary>
    /// The entries of these days that already settled something (their guards): one range query per day and run, then
    /// kept up to date with this run's own settlements. What another run settles meanwhile is caught by the guard (409).
    /// </summary>
    private async Task<HashSet<string>> SettledAsync(Run run, List<StatementEntryRow> entries, CancellationToken cancellationToken)
    {
        var settled = new HashSet<string>(StringComparer.Ordinal);
        var partition = TableKeys.TenantPartition(run.TenantId);
        foreach (var day in entries.Select(e => DayPrefix(e.RowKey)).Distinct(StringComparer.Ordinal))
        {
            if (!run.SettledByDay.TryGetValue(day, out var known))
            {
                known = new HashSet<string>(StringComparer.Ordinal);
                var filter = TableKeys.PrefixFilter(partition, TableKeys.EntrySettlementRow(run.AccountId, day));
                await foreach (var guard in storage.Table(TableNames.TenantData).QueryAsync<EntrySettlementRow>(filter, select: ["RowKey"], cancellationToken: cancellationToken))
                {
                    known.Add(guard.RowKey[TableKeys.EntrySettlementRow(run.AccountId, "").Length..]);
                }
                run.SettledByDay[day] = known;
            }
            settled.UnionWith(known);
        }
        return settled;
    }

    private static void Remember(Run run, IEnumerable<Plan> plans)
    {
        lock (run.SettledByDay)
        {
            foreach (var plan in plans)
            {
                if (run.SettledByDay.TryGetValue(DayPrefix(plan.Entry.RowKey), out var known))
                {
                    known.Add(plan.Entry.RowKey);
                }
            }
        }
    }

    /// <summary>"txn|99791195|" of "txn|99791195|20261204.C100.EUR.0": the entry row keys of one booking day share it.</summary>
    private static string DayPrefix(string entryRowKey)
    {
        var second = entryRowKey.IndexOf('|', entryRowKey.IndexOf('|', StringComparison.Ordinal) + 1);
        return second < 0 ? entryRowKey : entryRowKey[..(second + 1)];
    }

    /// <summary>Plans split so that no expected payment appears twice in a round (each round's writes see the previous round's).</summary>
    private static List<List<Plan>> Rounds(List<Plan> plans)
    {
        var rounds = new List<(List<Plan> Plans, HashSet<string> Touched)>();
        foreach (var plan in plans)
        {
            var ids = plan.Match.Allocations.Select(a => a.ExpectedPaymentId).ToList();
            // After the last round that touches any of its expected payments, so their order is kept.
            var last = rounds.FindLastIndex(r => ids.Any(r.Touched.Contains));
            if (last + 1 == rounds.Count)
            {
                rounds.Add(([], new HashSet<string>(StringComparer.Ordinal)));
            }
            rounds[last + 1].Plans.Add(plan);
            rounds[last + 1].Touched.UnionWith(ids);
        }
        return rounds.Select(r => r.Plans).ToList();
    }

    private static List<List<Plan>> Transactions(List<Plan> round)
    {
        var transactions = new List<List<Plan>>();
        var current = new List<Plan>();
        var actions = 0;
        foreach (var plan in round)
        {
            var size = ActionsOf(plan);
            if (actions + size > MaxActions - 1 && current.Count > 0)
            {
                transactions.Add(current);
                (current, actions) = ([], 0);
            }
            current.Add(plan);
            actions += size;
        }
        if (current.Count > 0)
        {
            transactions.Add(current);
        }
        return transactions;
    }

    /// <summary>The guard plus a row per expected payment (at most <see cref="MaxAllocations"/> are written); the transaction's audit row is counted once.</summary>
    private static int ActionsOf(Plan plan) => 1 + Math.Min(plan.Match.Allocations.Count, MaxAllocations);

    /// <summary>An entry's guard, its expected payments and the audit row fit one transaction.</summary>
    private const int MaxAllocations = MaxActions - 2;

    /// <summary>What one settlement changed, as the audit row lists it.</summary>
    private sealed record Change(string ExpectedPaymentId, string EntryId, string Amount, string Rule, string StatusBefore, string RemainingBefore, string StatusAfter, string RemainingAfter);

    /// <summary>
    /// One audit row for the settlements of a transaction (action expected_payments.settled, subject the account,
    /// before/after per expected payment): sealed and written with them, a third of the writes of a row each.
    /// </summary>
    private TableTransactionAction AuditOf(Run run, List<Change> changes, DateTimeOffset now) =>
        new(TableTransactionActionType.Add, audit.SystemRow(run.TenantId, Function, "expected_payments.settled", run.AccountId,
            changes.Select(c => new { expectedPaymentId = c.ExpectedPaymentId, status = c.StatusBefore, remaining = c.RemainingBefore }),
            changes.Select(c => new { expectedPaymentId = c.ExpectedPaymentId, status = c.StatusAfter, remaining = c.RemainingAfter, entryId = c.EntryId, amount = c.Amount, rule = c.Rule }),
            now));

    private async Task<(int Written, bool Conflict)> WriteSharedAsync(Run run, List<Plan> plans, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var actions = new List<TableTransactionAction>();
        var updated = new List<(int Index, ExpectedPaymentRow Row)>();
        var changes = new List<Change>();
        foreach (var plan in plans)
        {
            actions.AddRange(Actions(run, plan, id => run.Rows.GetValueOrDefault(id), now, updated, actions.Count, changes));
        }
        if (changes.Count == 0)
        {
            return (0, false);
        }
        actions.Add(AuditOf(run, changes, now));
        try
        {
            var response = await storage.Table(TableNames.TenantData).SubmitCheckedAsync(actions, cancellationToken);
            KeepETags(response.Value, updated);
            Remember(run, plans);
            return (plans.Count, false);
        }
        catch (TableTransactionFailedException e) when (e.Status is 409 or 412 or 404)
        {
            var written = 0;
            foreach (var plan in plans)
            {
                written += await WriteOneAsync(run, plan, cancellationToken) ? 1 : 0;
            }
            Remember(run, plans); // Settled now, by this run or another.
            return (written, true);
        }
    }

    /// <summary>One entry alone, against the expected payments as stored now; false when it settled nothing (already settled, or nothing open).</summary>
    private async Task<bool> WriteOneAsync(Run run, Plan plan, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            var current = new Dictionary<string, ExpectedPaymentRow>(StringComparer.Ordinal);
            foreach (var allocation in plan.Match.Allocations)
            {
                if (await store.FindAsync(run.TenantId, allocation.ExpectedPaymentId, cancellationToken) is { } row)
                {
                    current[row.ExpectedPaymentId] = row;
                }
            }
            var updated = new List<(int Index, ExpectedPaymentRow Row)>();
            var changes = new List<Change>();
            var now = clock.GetUtcNow();
            var actions = Actions(run, plan, id => current.GetValueOrDefault(id), now, updated, 0, changes);
            if (updated.Count == 0)
            {
                return false; // Nothing of it is open any more.
            }
            actions.Add(AuditOf(run, changes, now));
            try
            {
                var response = await storage.Table(TableNames.TenantData).SubmitCheckedAsync(actions, cancellationToken);
                KeepETags(response.Value, updated);
                return true;
            }
            catch (TableTransactionFailedException e) when (e.Status == 409)
            {
                return false; // Its guard exists: another run settled this entry.
            }
            catch (TableTransactionFailedException e) when (e.Status == 412 && attempt < Attempts)
            {
                // Changed again meanwhile: read and apply again.
            }
        }
        return false;
    }

    /// <summary>The guard, then each expected payment with the entry's allocation applied (what changed is added to <paramref name="changes"/>).</summary>
    private static List<TableTransactionAction> Actions(Run run, Plan plan, Func<string, ExpectedPaymentRow?> rowOf, DateTimeOffset now,
        List<(int Index, ExpectedPaymentRow Row)> updated, int offset, List<Change> changes)
    {
        var actions = new List<TableTransactionAction>();
        var applied = new List<string>();
        foreach (var allocation in plan.Match.Allocations.Take(MaxAllocations))
        {
            if (rowOf(allocation.ExpectedPaymentId) is not { } row)
            {
                continue;
            }
            var (statusBefore, remainingBefore) = (row.Status, row.RemainingAmount);
            var settlement = new SettlementView(plan.Entry.EntryKey, run.AccountId, new MoneyView(row.Currency, allocation.Amount.ToAmountString()),
                plan.Entry.BookingDate ?? plan.Entry.ValueDate, plan.Match.Rule.ToWire(), now);
            if (!ExpectedPaymentRows.Apply(row, allocation.Amount, settlement, now))
            {
                continue;
            }
            updated.Add((offset + 1 + actions.Count, row));
            actions.Add(new(TableTransactionActionType.UpdateReplace, row, row.ETag));
            changes.Add(new Change(row.ExpectedPaymentId, plan.Entry.EntryKey, allocation.Amount.ToAmountString(), settlement.Rule,
                statusBefore, remainingBefore, row.Status, row.RemainingAmount));
            applied.Add(row.ExpectedPaymentId);
        }
        if (applied.Count == 0)
        {
            return [];
        }
        actions.Insert(0, new(TableTransactionActionType.Add, new EntrySettlementRow
        {
            PartitionKey = TableKeys.TenantPartition(run.TenantId),
            RowKey = TableKeys.EntrySettlementRow(run.AccountId, plan.Entry.RowKey),
            AccountId = run.AccountId,
            EntryId = plan.Entry.EntryKey,
            Rule = plan.Match.Rule.ToWire(),
            ExpectedPaymentIds = string.Join(',', applied),
            At = now,
        }));
        return actions;
    }

    /// <summary>The replaced rows' new ETags (the transaction's responses are in the order of its actions), so the next round's writes are guarded by them.</summary>
    private static void KeepETags(IReadOnlyList<Response> responses, List<(int Index, ExpectedPaymentRow Row)> updated)
    {
        foreach (var (index, row) in updated)
        {
            if (index < responses.Count && responses[index].Headers.ETag is { } etag)
            {
                row.ETag = etag;
            }
        }
    }
}
