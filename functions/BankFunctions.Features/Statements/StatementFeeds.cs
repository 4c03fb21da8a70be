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
/// Polly pipeline per bank — timeouts, jittered retries of retryable failures, circuit breaker). The ISO 20022 bank:
/// final camt.053 day statements, camt.054 notifications (intraday bookings and returns with RtrInf) and the camt.052
/// intraday report (today's balance); the CMB-style bank: DCTRSINF detail pages, balances from NTQACINF.
/// </summary>
public sealed class StatementFeeds(BankAdapters adapters)
{
    private readonly ConcurrentDictionary<string, IReadOnlyList<StatementFeed>> _feeds = new(StringComparer.Ordinal);

    public IReadOnlyList<StatementFeed> For(string bank) => _feeds.GetOrAdd(bank, Build);

    /// <summary>The adapter that answers balance queries for <paramref name="bank"/> (capability-checked by the caller).</summary>
    public IBankAdapter BalancesAdapter(string bank) => For(bank)[0].Adapter;

    public Task<BankConnection> ConnectionAsync(BankConnectionRow row, CancellationToken cancellationToken) => adapters.ConnectionAsync(row, cancellationToken);

    private IReadOnlyList<StatementFeed> Build(string bank) => adapters.Family(bank) switch
    {
        BankProtocol.CmbCloud => [new StatementFeed("dctrsinf", adapters.Statements(bank, "dctrsinf"), ThroughYesterday: false)],
        _ =>
        [
            new StatementFeed("camt.053", adapters.Statements(bank, "camt.053"), ThroughYesterday: true),
            new StatementFeed("camt.054", adapters.Statements(bank, "camt.054"), ThroughYesterday: false),
            new StatementFeed("camt.052", adapters.Statements(bank, "camt.052"), ThroughYesterday: false, BalancesOnly: true),
        ],
    };
}
