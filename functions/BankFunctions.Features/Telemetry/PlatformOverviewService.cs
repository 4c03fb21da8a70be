using Azure.Data.Tables;
using BankFunctions.Domain.Payments;
using BankFunctions.Features.BankConnections;
using BankFunctions.Features.Dispatch;
using BankFunctions.Features.Statements;
using BankFunctions.Storage;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Telemetry;

/// <summary>
/// Reads the platform's figures (<see cref="PlatformOverview"/>) from storage: queue lengths and oldest message ages,
/// payments by status per bank and tenant, needs_attention, statement freshness, unmatched entries and webhook backlog. One reader for
/// both GET /v1/admin/overview and the observable gauges (<see cref="OverviewGauges"/>), cached for
/// <see cref="TelemetryOptions.OverviewCacheSeconds"/> so neither a metrics scrape nor a refreshing operator hammers
/// storage: one read at a time, the others wait for it or take the cached figures.
/// The read walks every tenant's payment, account and unmatched-entry rows (projected to the columns it needs), so its
/// cost grows with the data; the cache bounds how often it runs per instance.
/// </summary>
public sealed class PlatformOverviewService(
    StorageClients storage, BankAdapters adapters, BankWaitBoard waits, BankCallWindow calls, Webhooks.WebhookEndpointStore webhooks, TelemetryOptions options, TimeProvider clock)
    : IDisposable
{
    private readonly SemaphoreSlim _reading = new(1, 1);
    private PlatformOverview? _cached;

    public void Dispose() => _reading.Dispose();

    /// <summary>The cached figures when fresh enough, otherwise read now.</summary>
    public async Task<PlatformOverview> GetAsync(CancellationToken cancellationToken)
    {
        if (Fresh(_cached) is { } cached)
        {
            return cached;
        }
        await _reading.WaitAsync(cancellationToken);
        try
        {
            return Fresh(_cached) ?? (_cached = await ReadAsync(cancellationToken));
        }
        finally
        {
            _reading.Release();
        }
    }

    /// <summary>
    /// For the gauges, whose callbacks cannot wait: the last figures read (null before the first), and a read in the
    /// background when they are stale and no read is running.
    /// </summary>
    public PlatformOverview? Latest()
    {
        var cached = _cached;
        if (Fresh(cached) is null && _reading.CurrentCount > 0)
        {
            _ = Task.Run(async () =>
            {
                try
                {
                    await GetAsync(CancellationToken.None);
                }
                catch (Exception e) when (e is Azure.RequestFailedException or HttpRequestException or OperationCanceledException or TimeoutException)
                {
                    // A gauge without fresh figures reports the last ones; the next collection tries again.
                }
            });
        }
        return cached;
    }

    private PlatformOverview? Fresh(PlatformOverview? overview) =>
        overview is not null && clock.GetUtcNow() - overview.GeneratedAt < TimeSpan.FromSeconds(options.OverviewCacheSeconds) ? overview : null;

    private async Task<PlatformOverview> ReadAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var queues = await Task.WhenAll(QueueNames.All.Select(q => QueueAsync(q, now, cancellationToken)));
        var tenants = new List<TenantFigures>();
        var payments = new List<(string Tenant, string Bank, string Status)>();
        var entries = new List<(string Tenant, string Bank, long Unmatched)>();
        await foreach (var tenant in storage.Table(TableNames.Tenants).QueryAsync<TenantRegistryRow>(
            $"PartitionKey eq '{TenantRegistryRow.Partition}'", select: ["RowKey"], cancellationToken: cancellationToken))
        {
            var id = tenant.RowKey;
            await foreach (var p in storage.Table(TableNames.TenantData).QueryAsync<PaymentRow>(
                TableKeys.PrefixFilter(TableKeys.TenantPartition(id), TableKeys.PaymentPrefix), select: ["Bank", "Status"], cancellationToken: cancellationToken))
            {
                payments.Add((id, p.Bank, p.Status));
            }
            var accounts = new List<AccountFreshness>();
            await foreach (var a in storage.Table(TableNames.TenantData).QueryAsync<AccountRow>(
                TableKeys.PrefixFilter(TableKeys.TenantPartition(id), TableKeys.AccountPrefix),
                select: ["AccountId", "Bank", "PullSchedule", "CreatedAt"], cancellationToken: cancellationToken))
            {
                var account = await AccountAsync(id, a, now, cancellationToken);
                accounts.Add(account);
                entries.Add((id, a.Bank, account.UnmatchedEntries));
            }
            var own = payments.Where(p => p.Tenant == id).ToList();
            tenants.Add(new TenantFigures(id, ByStatus(own.Select(p => p.Status)), NeedsAttention(own.Select(p => p.Status)),
                accounts.Sum(a => a.UnmatchedEntries), accounts, await WebhooksAsync(id, cancellationToken)));
        }
        var circuits = adapters.CircuitStates();
        var recentCalls = calls.Snapshot();
        var waiting = await waits.ReadAllAsync(cancellationToken);
        var banks = payments.Select(p => p.Bank).Concat(entries.Select(e => e.Bank)).Concat(circuits.Keys).Concat(recentCalls.Keys).Distinct(StringComparer.Ordinal)
            .Where(b => b.Length > 0).Order(StringComparer.Ordinal)
            .Select(b => new BankFigures(b, circuits.GetValueOrDefault(b, "unknown"),
                waiting.TryGetValue(b, out var wait) && BankWaitBoard.IsWaiting(wait, now) ? wait.UnavailableSince : null,
                ByStatus(payments.Where(p => p.Bank == b).Select(p => p.Status)),
                NeedsAttention(payments.Where(p => p.Bank == b).Select(p => p.Status)),
                entries.Where(e => e.Bank == b).Sum(e => e.Unmatched), recentCalls.GetValueOrDefault(b, [])))
            .ToList();
        var totals = new OverviewTotals(ByStatus(payments.Select(p => p.Status)), NeedsAttention(payments.Select(p => p.Status)),
            entries.Sum(e => e.Unmatched), tenants.Sum(t => t.Accounts.Count(a => a.Stale)), queues.Sum(q => q.PoisonLength),
            tenants.Sum(t => t.Webhooks.Sum(w => w.Backlog)));
        return new PlatformOverview(now, totals, queues, banks, tenants);
    }

    private async Task<QueueFigures> QueueAsync(string name, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (length, oldest) = await LengthAndOldestAsync(name, now, cancellationToken);
        var (poison, oldestPoison) = await LengthAndOldestAsync(QueueNames.Poison(name), now, cancellationToken);
        return new QueueFigures(name, length, oldest, poison, oldestPoison);
    }

    private async Task<(long Length, long? OldestAgeSeconds)> LengthAndOldestAsync(string queue, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var client = storage.RawQueues.GetQueueClient(queue);
        try
        {
            var properties = await client.GetPropertiesAsync(cancellationToken);
            var peeked = await client.PeekMessagesAsync(1, cancellationToken);
            long? oldest = peeked.Value is [{ InsertedOn: { } inserted }, ..] ? Seconds(now - inserted) : null;
            return (properties.Value.ApproximateMessagesCount, oldest);
        }
        catch (Azure.RequestFailedException e) when (e.Status == 404)
        {
            return (0, null); // not created yet: nothing waiting
        }
    }

    private async Task<AccountFreshness> AccountAsync(string tenant, AccountRow account, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var statements = storage.Table(TableNames.Statements);
        var partition = TableKeys.StatementPartition(tenant, account.AccountId);
        var pulls = new List<DateTimeOffset?>();
        await foreach (var pull in statements.QueryAsync<PullStateRow>(TableKeys.PrefixFilter(partition, TableKeys.PullStateRow("")),
            select: ["LastSuccessAt"], cancellationToken: cancellationToken))
        {
            pulls.Add(pull.LastSuccessAt);
        }
        long unmatched = 0;
        await foreach (var _ in statements.QueryAsync<TableEntity>(
            TableKeys.PrefixFilter(partition, TableKeys.EntryPrefix) + " and Matched eq false", select: ["RowKey"], cancellationToken: cancellationToken))
        {
            unmatched++;
        }
        var lastSuccess = pulls.Count == 0 || pulls.Any(p => p is null) ? null : pulls.Min();
        var schedule = ScheduleStatementPulls.Interval(account.PullSchedule, now.UtcDateTime);
        var age = now - (lastSuccess ?? account.CreatedAt);
        return new AccountFreshness(account.AccountId, account.Bank, lastSuccess, Seconds(age), Seconds(schedule), IsStale(age, schedule), unmatched);
    }

    /// <summary>Each webhook endpoint of the tenant: how far its pump is behind the feed (issue #16 "webhook backlog").</summary>
    private async Task<IReadOnlyList<WebhookBacklogFigures>> WebhooksAsync(string tenant, CancellationToken cancellationToken)
    {
        var endpoints = await webhooks.ListAsync(tenant, cancellationToken);
        if (endpoints.Count == 0)
        {
            return [];
        }
        var last = await webhooks.LastSequenceAsync(tenant, cancellationToken);
        var figures = new List<WebhookBacklogFigures>();
        foreach (var endpoint in endpoints.OrderBy(e => e.EndpointId, StringComparer.Ordinal))
        {
            var state = await webhooks.StateAsync(tenant, endpoint.EndpointId, cancellationToken);
            var backlog = endpoint.Enabled ? Math.Max(0, last - (state?.Cursor ?? last)) : 0;
            figures.Add(new WebhookBacklogFigures(endpoint.EndpointId, endpoint.Enabled, backlog, state?.FailingSince, state?.NextAttemptAt));
        }
        return figures;
    }

    /// <summary>The alert's rule: a statement older than twice its schedule.</summary>
    public static bool IsStale(TimeSpan age, TimeSpan schedule) => age > 2 * schedule;

    private static IReadOnlyDictionary<string, long> ByStatus(IEnumerable<string> statuses) =>
        new SortedDictionary<string, long>(statuses.GroupBy(s => s, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (long)g.LongCount(), StringComparer.Ordinal), StringComparer.Ordinal);

    private static long NeedsAttention(IEnumerable<string> statuses) => statuses.LongCount(s => s == PaymentStatus.NeedsAttention.ToWire());

    private static long Seconds(TimeSpan span) => (long)Math.Max(0, span.TotalSeconds);
}
