using Azure;
using Azure.Data.Tables;
using BankFunctions.Banks;
using BankFunctions.Features.Accounts;
using BankFunctions.Features.BankConnections;
using BankFunctions.Features.Runtime;
using BankFunctions.Formats.Statements;
using BankFunctions.Storage;
using BankFunctions.Storage.Guard;
using BankFunctions.Storage.Rows;
using Microsoft.Extensions.Logging;

namespace BankFunctions.Features.Statements;

/// <summary>
/// statements-pull: for one account, each of its bank's feeds from the stored cursor: fetch → keep the raw file →
/// parse → store entries once → reconcile → balances → advance the cursor (ETag-guarded; when a concurrent pull
/// advanced it first, this one reads the cursor again and carries on from there — anything both fetched is stored
/// once anyway). A crash before
/// the cursor moves means the next pull fetches the same data again, which changes nothing. Retryable bank failures
/// throw, so the queue retries the message (five times, then poison); terminal ones are recorded on the feed.
/// </summary>
public sealed partial class PullStatements(
    StorageClients storage, AccountCache accounts, StatementFeeds feeds, StatementIngest ingest, StatementBlobs blobs, BalanceStore balances,
    Events.EventRelay relay, Profiles.BankProfiles profiles, TimeProvider clock, ILogger<PullStatements> logger) : IQueueHandler
{
    /// <summary>How far back the first pull of an account reaches.</summary>
    public const int InitialDays = 7;

    /// <summary>Chunks per feed per message, so one message never runs unbounded; the rest follows on the next pull.</summary>
    private const int MaxChunksPerFeed = 400;

    public async Task HandleAsync(QueueMessageContext message, CancellationToken cancellationToken)
    {
        var pull = PullMessage.Parse(message.Body);
        var account = await accounts.FindAsync(pull.TenantId, pull.AccountId, cancellationToken);
        if (account is null)
        {
            return; // The account is gone; nothing to pull.
        }
        var found = await storage.Table(TableNames.TenantData).GetEntityIfExistsAsync<BankConnectionRow>(
            TableKeys.TenantPartition(pull.TenantId), TableKeys.BankConnectionRow(account.BankConnectionId), cancellationToken: cancellationToken);
        if (!found.HasValue)
        {
            return;
        }
        var connection = await feeds.ConnectionAsync(found.Value!, cancellationToken);
        var bankAccount = account.Iban ?? account.AccountNumber ?? "";
        PullRetry? retryable = null;
        foreach (var feed in feeds.For(account.Bank))
        {
            retryable ??= await PullFeedAsync(pull.TenantId, account, bankAccount, connection, feed, cancellationToken);
        }
        retryable ??= await PullBalancesAsync(pull.TenantId, account, bankAccount, connection, cancellationToken);
        if (retryable is not null)
        {
            throw new BankUnavailableException($"Statement pull for {account.AccountId}: {retryable.Reason}", retryable.RetryAfter);
        }
    }

    /// <summary>A bank failure worth retrying the pull for, and how long the bank (or its open circuit) asked us to wait.</summary>
    private sealed record PullRetry(string Reason, TimeSpan? RetryAfter);

    /// <summary>Returns why, when the bank failed in a way worth retrying; null otherwise.</summary>
    private async Task<PullRetry?> PullFeedAsync(string tenantId, AccountRow account, string bankAccount, BankConnection connection, StatementFeed feed, CancellationToken cancellationToken)
    {
        var partition = TableKeys.StatementPartition(tenantId, account.AccountId);
        var state = await StateAsync(partition, feed.Name, cancellationToken);
        var today = profiles.Today(account.Bank, clock.GetUtcNow());
        var to = feed.ThroughYesterday ? today.AddDays(-1) : today;
        var start = today.AddDays(-InitialDays);
        // The cursor is the adapter's, opaque here: stored as it comes back, handed back on the next pull.
        string? page = null;
        for (var chunk = 0; chunk < MaxChunksPerFeed; chunk++)
        {
            state.LastAttemptAt = clock.GetUtcNow();
            var result = await feed.Adapter.FetchStatementsAsync(
                new FetchStatementsRequest(connection, bankAccount, start, to, state.Cursor, page, SettledDay(account.Bank)), cancellationToken);
            if (result.Outcome == BankCallOutcome.NotSupported)
            {
                return null;
            }
            if (!result.IsSuccess)
            {
                state.LastError = $"{result.ErrorCode}: {result.ErrorMessage}";
                await SaveStateAsync(state, cancellationToken);
                LogFeedFailed(logger, feed.Name, account.AccountId, result.Outcome, state.LastError);
                return result.Outcome is BankCallOutcome.Retryable or BankCallOutcome.UnknownOutcome ? new PullRetry(state.LastError, result.RetryAfter) : null;
            }
            var chunkResult = result.Value!;
            if (chunkResult.Content.Length > 0)
            {
                var source = "pull-" + feed.Name;
                string blob;
                using (var content = new MemoryStream(chunkResult.Content, writable: false))
                {
                    blob = await blobs.SaveAsync(tenantId, account.AccountId, source, content, ContentType(chunkResult.Kind), cancellationToken);
                }
                try
                {
                    var summary = feed.BalancesOnly
                        ? await ingest.StoreBalancesAsync(tenantId, account, () => new MemoryStream(chunkResult.Content, writable: false), blob, blob, cancellationToken)
                        : await ingest.StoreAsync(tenantId, account, () => new MemoryStream(chunkResult.Content, writable: false), blob, source, blob, cancellationToken);
                    LogChunk(logger, feed.Name, account.AccountId, summary.Entries, summary.Stored, summary.Matched);
                }
                catch (StatementFormatException e)
                {
                    // The bank sent something we cannot read: keep it (blob), say so, and do not move past it.
                    state.LastError = e.Message;
                    await SaveStateAsync(state, cancellationToken);
                    return null;
                }
            }
            state.Cursor = chunkResult.NextCursor;
            state.LastError = null;
            state.LastSuccessAt = clock.GetUtcNow();
            if (!await SaveStateAsync(state, cancellationToken))
            {
                // Another pull of this account moved the feed meanwhile. It may have fetched before this one did (a
                // scheduled pull that started before a refresh) and so seen less: carry on from where it left the
                // cursor rather than stop, so a refresh that races the schedule still reads everything the bank has.
                // What both fetch is stored once; MaxChunksPerFeed bounds the loop.
                state = await StateAsync(partition, feed.Name, cancellationToken);
                page = null;
                continue;
            }
            if (!chunkResult.HasMore)
            {
                return null;
            }
            page = chunkResult.NextPage;
        }
        return null;
    }

    private async Task<PullRetry?> PullBalancesAsync(string tenantId, AccountRow account, string bankAccount, BankConnection connection, CancellationToken cancellationToken)
    {
        var adapter = feeds.BalancesAdapter(account.Bank);
        if (!adapter.Capabilities.Has(BankCapability.Balances))
        {
            return null; // ISO 20022 banks report balances in camt.052/053, read above.
        }
        var result = await adapter.GetBalancesAsync(new GetBalancesRequest(connection, [bankAccount]), cancellationToken);
        if (!result.IsSuccess)
        {
            LogFeedFailed(logger, "balances", account.AccountId, result.Outcome, $"{result.ErrorCode}: {result.ErrorMessage}");
            return result.Outcome == BankCallOutcome.Retryable ? new PullRetry($"{result.ErrorCode}: {result.ErrorMessage}", result.RetryAfter) : null;
        }
        var now = clock.GetUtcNow();
        var today = profiles.Today(account.Bank, now);
        var reported = result.Value!.Where(b => b.Account == bankAccount && b.Currency == account.Currency)
            .SelectMany(b => new[] { new ReportedBalance(true, b.Booked, today, now, "balance query"), new ReportedBalance(false, b.Available, today, now, "balance query") })
            .ToList();
        var partition = TableKeys.StatementPartition(tenantId, account.AccountId);
        await balances.ApplyAsync(partition, account.Currency, reported, cancellationToken);
        // Its balance.updated event committed beside the balance; on to the tenant's feed now, not at the next sweep.
        await relay.RelayAsync(partition, cancellationToken);
        return null;
    }

    private async Task<PullStateRow> StateAsync(string partition, string feed, CancellationToken cancellationToken)
    {
        var table = storage.Table(TableNames.Statements);
        var found = await table.GetEntityIfExistsAsync<PullStateRow>(partition, TableKeys.PullStateRow(feed), cancellationToken: cancellationToken);
        if (found.HasValue)
        {
            return found.Value!;
        }
        var row = new PullStateRow { PartitionKey = partition, RowKey = TableKeys.PullStateRow(feed), Feed = feed };
        try
        {
            var added = await table.AddCheckedAsync(row, cancellationToken);
            row.ETag = added.Headers.ETag ?? row.ETag;
            return row;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return (await table.GetEntityAsync<PullStateRow>(partition, TableKeys.PullStateRow(feed), cancellationToken: cancellationToken)).Value;
        }
    }

    /// <summary>ETag-guarded; false when another pull changed the feed first.</summary>
    private async Task<bool> SaveStateAsync(PullStateRow state, CancellationToken cancellationToken)
    {
        try
        {
            var response = await storage.Table(TableNames.Statements).UpdateCheckedAsync(state, state.ETag, TableUpdateMode.Replace, cancellationToken);
            state.ETag = response.Headers.ETag ?? state.ETag;
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            return false;
        }
    }

    /// <summary>
    /// The first day the bank may still add to, with a margin for clock skew around midnight: in the first half hour
    /// of the bank's day the previous day is still read again.
    /// </summary>
    private DateOnly SettledDay(string bank) => profiles.Today(bank, clock.GetUtcNow() - MidnightMargin);

    private static readonly TimeSpan MidnightMargin = TimeSpan.FromMinutes(30);

    private static string ContentType(string kind) => kind.StartsWith("camt", StringComparison.Ordinal) ? "application/xml"
        : kind.StartsWith("cmb", StringComparison.Ordinal) ? "application/json" : "text/plain";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Statement feed {Feed} of {AccountId} failed ({Outcome}): {Error}")]
    private static partial void LogFeedFailed(ILogger logger, string feed, string accountId, BankCallOutcome outcome, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Statement feed {Feed} of {AccountId}: {Entries} entries read, {Stored} new, {Matched} matched")]
    private static partial void LogChunk(ILogger logger, string feed, string accountId, int entries, int stored, int matched);
}
