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
    BalanceSummary? OpeningBalance, BalanceSummary? ClosingBalance, int EntryCount, IReadOnlyList<StatementWarning> Warnings);

/// <summary>A statement balance as the API shows money: a signed decimal string with its currency (API.md "Statement data").</summary>
public sealed record BalanceSummary(string Type, string Value, string? Currency, string? Date)
{
    public static BalanceSummary? From(StatementBalance? balance, string? statementCurrency) => balance is null ? null : new(
        balance.Type, balance.Value.ToString(CultureInfo.InvariantCulture), balance.Currency ?? statementCurrency,
        balance.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
}

/// <summary>
/// What one file did: entries read, newly stored, already known, upgraded from pending, matched to payments, and the
/// entries that settled expected payments (<see cref="Receivables.ReceivableSettlement"/>).
/// </summary>
public sealed record IngestSummary(
    string Format, IReadOnlyList<StatementSummary> Statements, int Entries, int Stored, int Duplicates, int Upgraded,
    int Matched, int PaymentsMoved, IReadOnlyList<StatementWarning> Warnings, int ReceivablesSettled = 0);

/// <summary>
/// Reads a statement file into an account: parse (streaming: entries flow through a bounded channel, so memory does
/// not grow with the file), key each entry, reconcile against our payments, store once, then balances, warnings
/// and sequence checks from the statements' headers. Safe to run again on the same file: nothing is stored twice and
/// payment moves are forward-only. Callers validate first with <see cref="Inspect"/> so bad input changes nothing.
/// </summary>
public sealed class StatementIngest(
    EntryStore entries, BalanceStore balances, StatementWarnings warnings, Reconciler reconciler, Receivables.ReceivableSettlement receivables,
    Profiles.BankProfiles profiles, TimeProvider clock)
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
    /// Why statements of the file cannot belong to <paramref name="account"/> — another account number, another
    /// currency, balances in another currency — one message per statement, in file order.
    /// </summary>
    public static IReadOnlyList<string> Mismatches(ParseResult result, AccountRow account)
    {
        var problems = new List<string>();
        foreach (var (s, i) in result.Statements.Select((s, i) => (s, i)))
        {
            var reasons = new List<string>();
            if (!string.IsNullOrWhiteSpace(s.Account) && !SameAccount(s.Account, account))
            {
                reasons.Add($"is for account '{s.Account}', not {account.Iban ?? account.AccountNumber}");
            }
            if (!string.IsNullOrWhiteSpace(s.Currency) && !SameCurrency(s.Currency, account))
            {
                reasons.Add($"is in {s.Currency}, the account in {account.Currency}");
            }
            var foreign = s.Balances.Append(s.OpeningBalance).Append(s.ClosingBalance).OfType<StatementBalance>()
                .Where(b => !string.IsNullOrWhiteSpace(b.Currency) && !SameCurrency(b.Currency, account) && !string.Equals(b.Currency, s.Currency, StringComparison.OrdinalIgnoreCase))
                .Select(b => $"{b.Type} in {b.Currency}").Distinct(StringComparer.Ordinal).ToList();
            if (foreign.Count > 0)
            {
                reasons.Add($"has balances in another currency than the account's {account.Currency} ({string.Join(", ", foreign)})");
            }
            if (reasons.Count > 0)
            {
                problems.Add($"statement {i + 1} ({s.Id}) {string.Join(" and ", reasons)}.");
            }
        }
        return problems;
    }

    private static bool SameCurrency(string currency, AccountRow account) => string.Equals(currency.Trim(), account.Currency, StringComparison.OrdinalIgnoreCase);

    /// <summary>Pass two: stores everything the file says about the account. <paramref name="source"/> says where it came from ("import", "pull camt.053").</summary>
    public async Task<IngestSummary> StoreAsync(string tenantId, AccountRow account, Func<Stream> open, string fileName, string source, string? sourceBlob, CancellationToken cancellationToken)
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
                    OnEntry = e =>
                    {
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
                    (counts, matched, moved) = Add((counts, matched, moved), await FlushAsync(tenantId, account, batch, keys, settling, cancellationToken));
                    batch.Clear();
                }
            }
            (counts, matched, moved) = Add((counts, matched, moved), await FlushAsync(tenantId, account, batch, keys, settling, cancellationToken));
        }
        catch
        {
            await stop.CancelAsync(); // Unblock the parser if storage failed.
            await receivables.AbandonAsync(settling);
            throw;
        }
        await receivables.CompleteAsync(settling);
        var result = await parse;
        await AfterParseAsync(partition, account, result, sourceBlob, cancellationToken);
        return new IngestSummary(result.Format, Summaries(result), read, counts.Stored, counts.Duplicates, counts.Upgraded, matched, moved, result.Warnings, settling.Settled);
    }

    /// <summary>Only what the file's statement headers say: balances, warnings, sequence (entries come through another feed).</summary>
    public async Task<IngestSummary> StoreBalancesAsync(string tenantId, AccountRow account, Func<Stream> open, string fileName, string? sourceBlob, CancellationToken cancellationToken)
    {
        var result = Inspect(open, fileName);
        await AfterParseAsync(TableKeys.StatementPartition(tenantId, account.AccountId), account, result, sourceBlob, cancellationToken);
        return new IngestSummary(result.Format, Summaries(result), result.Statements.Sum(s => s.EntryCount), 0, 0, 0, 0, 0, result.Warnings);
    }

    private async Task AfterParseAsync(string partition, AccountRow account, ParseResult result, string? sourceBlob, CancellationToken cancellationToken)
    {
        var asOf = clock.GetUtcNow();
        var reported = new List<ReportedBalance>();
        foreach (var statement in result.Statements)
        {
            reported.AddRange(BalanceStore.From(statement, account.Currency, asOf, $"{statement.Kind} {statement.Id}".Trim()));
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
    }

    private static List<StatementSummary> Summaries(ParseResult result) =>
        result.Statements.Select(s => new StatementSummary(s.Kind, s.Id, s.Sequence, s.Account, s.Currency, s.From, s.To,
            BalanceSummary.From(s.OpeningBalance, s.Currency), BalanceSummary.From(s.ClosingBalance, s.Currency), s.EntryCount, s.Warnings)).ToList();

    private static (StoreCounts, int, int) Add((StoreCounts Counts, int Matched, int Moved) a, (StoreCounts Counts, int Matched, int Moved) b) =>
        (a.Counts + b.Counts, a.Matched + b.Matched, a.Moved + b.Moved);

    /// <summary>An entry of the file, its row and its identity (see <see cref="EntryKeys"/>).</summary>
    private sealed record KeyedEntry(IncomingEntry Incoming, EntryIdentity Identity);

    private async Task<(StoreCounts Counts, int Matched, int Moved)> FlushAsync(string tenantId, AccountRow account, List<KeyedEntry> batch, EntryKeys keys,
        Receivables.ReceivableSettlement.Run settling, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return (StoreCounts.None, 0, 0);
        }
        // Match before storing so the stored row names its payment; apply after, and always — also for entries that
        // were already stored — so a crash between the two is repaired by the next pull of the same data.
        var effects = await reconciler.MatchAsync(tenantId, account, batch.Select(b => b.Incoming).ToList(), cancellationToken);
        var stored = await entries.StoreAsync(batch.Select(b => new KeyedRow(b.Incoming.Row, b.Identity)).ToList(), keys, cancellationToken);
        foreach (var conflict in stored.Conflicts)
        {
            await warnings.RaiseAsync(conflict.Stored.PartitionKey, WarningCodes.Conflict, StatementWarnings.ConflictMessage(conflict), null, conflict.Stored.SourceBlob, cancellationToken);
        }
        var moved = await reconciler.ApplyAsync(tenantId, effects, cancellationToken);
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

    private static bool SameAccount(string statementAccount, AccountRow account)
    {
        var s = Alphanumerics(statementAccount);
        foreach (var own in new[] { account.Iban, account.AccountNumber }.OfType<string>().Select(Alphanumerics))
        {
            // MT940 :25: may be "BLZ/account" or the IBAN; the IBAN ends with BLZ+account for German banks.
            if (s == own || (s.Length >= 6 && (own.EndsWith(s, StringComparison.Ordinal) || s.EndsWith(own, StringComparison.Ordinal))))
            {
                return true;
            }
        }
        return false;
    }

    private static string Alphanumerics(string text) => new(text.Where(char.IsAsciiLetterOrDigit).Select(char.ToUpperInvariant).ToArray());
}
