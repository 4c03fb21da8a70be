using System.Collections.Concurrent;
using BankFunctions.Banks;
using BankFunctions.Features.BankConnections;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Statements;

/// <summary>
/// One stream of statement data from a bank for an account; its cursor is the adapter's own, stored as given (next
/// day for camt.053/MT940, last instant for camt.054, day and page for CMB DCTRSINF, none for the camt.052
/// snapshot). <paramref name="ThroughYesterday"/>: only complete days
/// (final statements), so the cursor never moves past a day the bank may still add to. <paramref name="BalancesOnly"/>:
/// read for its balances; its entries arrive through another feed (the camt.052 intraday report repeats every
/// booking of the day, which camt.054 already delivered once).
/// </summary>
public sealed record StatementFeed(string Name, IBankAdapter Adapter, bool ThroughYesterday, bool BalancesOnly = false);

/// <summary>
/// The statement feeds of each bank, built on the <c>BankFunctions.Banks</c> adapters (<see cref="BankAdapters"/>: one
/// Polly pipeline per bank — timeouts, jittered retries of retryable failures, circuit breaker). Which feeds a bank has
/// is its adapter family's (<see cref="IBankFamily.StatementFeeds"/>).
/// </summary>
public sealed class StatementFeeds(BankAdapters adapters)
{
    private readonly ConcurrentDictionary<string, IReadOnlyList<StatementFeed>> _feeds = new(StringComparer.Ordinal);

    public IReadOnlyList<StatementFeed> For(string bank) => _feeds.GetOrAdd(bank, Build);

    /// <summary>The adapter that answers balance queries for <paramref name="bank"/> (capability-checked by the caller).</summary>
    public IBankAdapter BalancesAdapter(string bank) => For(bank)[0].Adapter;

    public Task<BankConnection> ConnectionAsync(BankConnectionRow row, CancellationToken cancellationToken) => adapters.ConnectionAsync(row, cancellationToken);

    /// <summary>The feeds the bank's family lists (<see cref="IBankFamily.StatementFeeds"/>), each with its adapter.</summary>
    private IReadOnlyList<StatementFeed> Build(string bank) =>
        [.. adapters.Feeds(bank).Select(f => new StatementFeed(f.Feed.Name, f.Adapter, f.Feed.ThroughYesterday, f.Feed.BalancesOnly))];
}
