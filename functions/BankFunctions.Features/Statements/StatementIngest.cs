using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using BankFunctions.Features.BankConnections;
using BankFunctions.Formats.Statements;
using BankFunctions.Storage;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Statements;

/// <summary>One statement of a file as the import response and the logs describe it (entries are stored, not echoed).</summary>
public sealed record StatementSummary(
    string Kind, string? Id, string? Sequence, string? Account, string? Currency, string? From, string? To,
    BalanceSummary? OpeningBalance, BalanceSummary? ClosingBalance, int EntryCount, IReadOnlyList<StatementWarning> Warnings)
{
    /// <summary>MT942 :34F: floor limits, amounts as decimal strings.</summary>
    public FloorLimitsSummary? FloorLimits { get; init; }
    /// <summary>MT942 :13D: when the bank created the report.</summary>
    public DateTimeOffset? CreatedAt { get; init; }
}

/// <summary>An MT942's floor limits as the API shows money: decimal strings.</summary>
public sealed record FloorLimitsSummary(string? Currency, string? Debit, string? Credit)
{
    public static FloorLimitsSummary? From(FloorLimits? limits) => limits is null ? null : new(limits.Currency,
        limits.Debit?.ToString(CultureInfo.InvariantCulture), limits.Credit?.ToString(CultureInfo.InvariantCulture));
}

/// <summary>A statement balance as the API shows money: a signed decimal string with its currency (API.md "Statement data").</summary>
public sealed record BalanceSummary(string Type, string Value, string? Currency, string? Date)
{
    public static BalanceSummary? From(StatementBalance? balance, string? statementCurrency) => balance is null ? null : new(
        balance.Type, balance.Value.ToString(CultureInfo.InvariantCulture), balance.Currency ?? statementCurrency,
        balance.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
}

/// <summary>
/// What one file did to one account: entries read, newly stored, already known, upgraded from pending, matched to
/// payments, the entries that settled expected payments (<see cref="Receivables.ReceivableSettlement"/>); and the
/// statements of the file that belong to other accounts (<see cref="Skipped"/>, stored nothing here).
/// </summary>
public sealed record IngestSummary(
    string Format, IReadOnlyList<StatementSummary> Statements, int Entries, int Stored, int Duplicates, int Upgraded,
    int Matched, int PaymentsMoved, IReadOnlyList<StatementWarning> Warnings, int ReceivablesSettled = 0)
{
    public IReadOnlyList<SkippedStatement> Skipped { get; init; } = [];
}

/// <summary>A statement of the file not stored in this account (another account or currency), and why.</summary>
/// <param name="Index">1-based place in the file, as the messages name it.</param>
public sealed record SkippedStatement(int Index, string Kind, string? Id, string? Account, string? Currency, int EntryCount, string Reason);

/// <summary>
/// Reads a statement file into an account: parse (streaming: entries flow through a bounded channel, so memory does
/// not grow with the file), key each entry, reconcile against our payments, store once, then balances, warnings
/// and sequence checks from the statements' headers. Safe to run again on the same file: nothing is stored twice and
/// payment moves are forward-only. Callers validate first with <see cref="Inspect"/> so bad input changes nothing.
/// </summary>
public sealed class StatementIngest(
    EntryStore entries, BalanceStore balances, Reconciliation.DayBalanceStore dayBalances, StatementWarnings warnings, Reconciler reconciler, Receivables.ReceivableSettlement receivables,
    Profiles.BankProfiles profiles, Receipts.ReceiptRequests receipts, Events.EventRelay relay, TimeProvider clock)
{
    private const int FlushSize = 500;

    /// <summary>
    /// Pass one: the whole file parsed without keeping entries. Throws <see cref="StatementFormatException"/> with a
    /// precise message. A strict inspection refuses the deviations lenient reading tolerates; pass two then reads the same file leniently
    /// with the same result, since the file has none.
    /// </summary>
    public static ParseResult Inspect(Func<Stream> open, string fileName, bool strict = false)
    {
        using var stream = open();
        return StatementParser.Parse(stream, fileName, new StatementParseOptions { RetainEntries = false, Strict = strict });
    }

    /// <summary>
    /// Pass two: stores everything the file says about the account. <paramref name="source"/> says where it came from
    /// ("import", "pull camt.053"). <paramref name="statements"/> (0-based places in the file, from the inspection) limits
    /// it to the statements that belong to the account: the others' entries are dropped as they stream past, and their
    /// balances, warnings and sequence numbers are not the account's. Null: every statement is the account's.
    /// </summary>
    public async Task<IngestSummary> StoreAsync(string tenantId, AccountRow account, Func<Stream> open, string fileName, string source, string? sourceBlob,
        CancellationToken cancellationToken, IReadOnlySet<int>? statements = null)
    {
        var partition = TableKeys.StatementPartition(tenantId, account.AccountId);
        var keys = new EntryKeys();
        var settling = receivables.Begin(tenantId, account.AccountId, cancellationToken);
        var fallbackDay = profiles.Today(account.Bank, clock.GetUtcNow());
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var channel = Channel.CreateBounded<StatementEntry>(new BoundedChannelOptions(2 * FlushSize) { SingleReader = true, SingleWriter = true });
        var parse = Task.Run(() =>
        {
            try
            {
                using var stream = open();
                var parsed = StatementParser.Parse(stream, fileName, new StatementParseOptions
                {
                    RetainEntries = false,
                    // The parser calls back synchronously on its own thread; blocking it here is what bounds memory.
                    OnStatementEntry = (statement, e) =>
                    {
                        if (statements is not null && !statements.Contains(statement))
                        {
                            return;
                        }
                        if (!channel.Writer.TryWrite(e))
                        {
                            channel.Writer.WriteAsync(e, stop.Token).AsTask().GetAwaiter().GetResult();
                        }
                    },
                });
                channel.Writer.Complete();
                return parsed;
            }
            catch (Exception e)
            {
                channel.Writer.Complete(e);
                throw;
            }
        }, stop.Token);

        // The bank's own feed: its booked entries get their e-receipts fetched (issue #14). Imported files are the
        // tenant's copies; their entries get a receipt only through a payment they complete.
        var pulled = source.StartsWith("pull", StringComparison.Ordinal);
        int read = 0, matched = 0, moved = 0;
        var counts = StoreCounts.None;
        var batch = new List<KeyedEntry>(FlushSize);
        try
        {
            await foreach (var entry in channel.Reader.ReadAllAsync(stop.Token))
            {
                read++;
                batch.Add(ToRow(partition, entry, account.Currency, keys, fallbackDay, source, sourceBlob));
                if (batch.Count == FlushSize)
                {
                    (counts, matched, moved) = Add((counts, matched, moved), await FlushAsync(tenantId, account, batch, keys, settling, pulled, cancellationToken));
                    batch.Clear();
                }
            }
            (counts, matched, moved) = Add((counts, matched, moved), await FlushAsync(tenantId, account, batch, keys, settling, pulled, cancellationToken));
        }
        catch
        {
            await stop.CancelAsync(); // Unblock the parser if storage failed.
            await receivables.AbandonAsync(settling);
            throw;
        }
        await receivables.CompleteAsync(settling);
        var result = Only(await parse, statements);
        await AfterParseAsync(partition, account, result, sourceBlob, cancellationToken);
        // The events committed with the bookings, balances and warnings go on to the tenant's feed (a crash before: the sweep).
        await relay.RelayAsync(partition, cancellationToken);
        return new IngestSummary(result.Format, Summaries(result), read, counts.Stored, counts.Duplicates, counts.Upgraded, matched, moved, result.Warnings, settling.Settled);
    }

    /// <summary>Only what the file's statement headers say: balances, warnings, sequence (entries come through another feed).</summary>
    public async Task<IngestSummary> StoreBalancesAsync(string tenantId, AccountRow account, Func<Stream> open, string fileName, string? sourceBlob, CancellationToken cancellationToken)
    {
        var result = Inspect(open, fileName);
        var partition = TableKeys.StatementPartition(tenantId, account.AccountId);
        await AfterParseAsync(partition, account, result, sourceBlob, cancellationToken);
        await relay.RelayAsync(partition, cancellationToken);
        return new IngestSummary(result.Format, Summaries(result), result.Statements.Sum(s => s.EntryCount), 0, 0, 0, 0, 0, result.Warnings);
    }

    private static ParseResult Only(ParseResult result, IReadOnlySet<int>? statements) =>
        statements is null ? result : result with { Statements = result.Statements.Where((_, i) => statements.Contains(i)).ToList() };

    private async Task AfterParseAsync(string partition, AccountRow account, ParseResult result, string? sourceBlob, CancellationToken cancellationToken)
    {
        var asOf = clock.GetUtcNow();
        var reported = new List<ReportedBalance>();
        var days = new List<Reconciliation.DayBalance>();
        foreach (var statement in result.Statements)
        {
            reported.AddRange(BalanceStore.From(statement, account.Currency, asOf, $"{statement.Kind} {statement.Id}".Trim()));
            days.AddRange(Reconciliation.DayBalances.From(statement, account.Currency, asOf));
            foreach (var warning in statement.Warnings)
            {
                await warnings.RaiseAsync(partition, warning.Code, warning.Message, statement.Id, sourceBlob, cancellationToken);
            }
            await warnings.CheckSequenceAsync(partition, statement, sourceBlob, cancellationToken);
        }
        foreach (var warning in result.Warnings)
        {
            await warnings.RaiseAsync(partition, warning.Code, warning.Message, null, sourceBlob, cancellationToken);
        }
        await balances.ApplyAsync(partition, account.Currency, reported, cancellationToken);
        // Per day for the reconciliation report (the row above keeps only the latest).
        await dayBalances.ApplyAsync(partition, account.Currency, days, cancellationToken);
    }

    private static List<StatementSummary> Summaries(ParseResult result) =>
        result.Statements.Select(s => new StatementSummary(s.Kind, s.Id, s.Sequence, s.Account, s.Currency, s.From, s.To,
            BalanceSummary.From(s.OpeningBalance, s.Currency), BalanceSummary.From(s.ClosingBalance, s.Currency), s.EntryCount, s.Warnings)
        {
            FloorLimits = FloorLimitsSummary.From(s.FloorLimits),
            CreatedAt = s.CreatedAt,
        }).ToList();

    private static (StoreCounts, int, int) Add((StoreCounts Counts, int Matched, int Moved) a, (StoreCounts Counts, int Matched, int Moved) b) =>
        (a.Counts + b.Counts, a.Matched + b.Matched, a.Moved + b.Moved);

    /// <summary>An entry of the file, its row and its identity (see <see cref="EntryKeys"/>).</summary>
    private sealed record KeyedEntry(IncomingEntry Incoming, EntryIdentity Identity);

    private async Task<(StoreCounts Counts, int Matched, int Moved)> FlushAsync(string tenantId, AccountRow account, List<KeyedEntry> batch, EntryKeys keys,
        Receivables.ReceivableSettlement.Run settling, bool pulled, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return (StoreCounts.None, 0, 0);
        }
        // Receipt work is recorded (outbox rows) before the entries are stored, so no crash loses it; sent after.
        var receiptWork = pulled
            ? (await receipts.RecordAsync(tenantId, account, batch.Select(b => b.Incoming.Row), clock.GetUtcNow(), cancellationToken)).ToList()
            : [];
        // Match before storing so the stored row names its payment; apply after, and always — also for entries that
        // were already stored — so a crash between the two is repaired by the next pull of the same data.
        var effects = await reconciler.MatchAsync(tenantId, account, batch.Select(b => b.Incoming).ToList(), cancellationToken);
        var stored = await entries.StoreAsync(batch.Select(b => new KeyedRow(b.Incoming.Row, b.Identity)).ToList(), keys, cancellationToken);
        foreach (var conflict in stored.Conflicts)
        {
            await warnings.RaiseAsync(conflict.Stored.PartitionKey, WarningCodes.Conflict, StatementWarnings.ConflictMessage(conflict), null, conflict.Stored.SourceBlob, cancellationToken);
        }
        // A booking stored before keeps the payments it was tied to (EntryStore): book only those, so a repeated
        // entry never completes another payment than its first pull or a person tied it to.
        var tied = batch.SelectMany(b => (b.Incoming.Row.PaymentIds ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)).ToHashSet(StringComparer.Ordinal);
        var moved = await reconciler.ApplyAsync(tenantId, effects.Where(e => tied.Contains(e.PaymentId)).ToList(), cancellationToken, receiptWork);
        await receipts.SendAsync(receiptWork.DistinctBy(w => w.Subject, StringComparer.Ordinal), cancellationToken);
        // Expected payments after storing, by the stored entry's key (a repeated entry carries its stored twin's key),
        // so the same booking settles them once however often it arrives; settled while the next flush is stored.
        receivables.Enqueue(settling, batch.Select(b => b.Incoming.Row).ToList(), cancellationToken);
        return (stored.Counts, batch.Count(b => b.Incoming.Row.Matched), moved);
    }

    private KeyedEntry ToRow(string partition, StatementEntry e, string accountCurrency, EntryKeys keys, DateOnly fallbackDay, string source, string? sourceBlob)
    {
        var currency = e.Currency ?? accountCurrency;
        var day = e.BookingDate ?? e.ValueDate ?? fallbackDay;
        var identity = keys.Next(e, currency, day);
        return new KeyedEntry(new IncomingEntry(e, new StatementEntryRow
        {
            PartitionKey = partition,
            RowKey = TableKeys.StatementEntryRow(day, identity.EntryKey),
            EntryKey = identity.EntryKey,
            Amount = e.Amount.ToString(CultureInfo.InvariantCulture),
            Currency = currency,
            BookingDate = e.BookingDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ValueDate = e.ValueDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Status = e.Status,
            BankReference = Clip(e.BankReference),
            EndToEndId = Clip(e.EndToEndId),
            CustomerReference = Clip(e.CustomerReference),
            Uetr = Clip(e.Uetr),
            CounterpartyName = Clip(e.Counterparty?.Name),
            CounterpartyAccount = Clip(e.Counterparty?.Account),
            CounterpartyBank = Clip(e.Counterparty?.Bank),
            RemittanceInformation = Clip(e.RemittanceInformation ?? e.AdditionalInformation),
            BankTransactionCode = Clip(e.BankTransactionCode),
            IsReversal = e.IsReversal,
            ReturnReason = Clip(e.ReturnInfo),
            Details = e.Details.Count > 1 ? Clip(JsonSerializer.Serialize(e.Details, StatementJson.Options), 30_000) : null,
            SourceKind = source,
            SourceBlob = sourceBlob,
            StoredAt = clock.GetUtcNow(),
        }), identity);
    }

    /// <summary>Table strings are limited to 32K characters; statement fields are far below that unless a file is odd.</summary>
    private static string? Clip(string? text, int max = 4_000) => text is null || text.Length <= max ? text : text[..max];
}
