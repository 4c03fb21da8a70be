using System.Collections.Concurrent;
using BankFunctions.Banks;
using BankFunctions.Banks.Adapters.Cmb;
using BankFunctions.Banks.Adapters.Iso;
using BankFunctions.Banks.Resilience;
using BankFunctions.Banks.Signing;
using BankFunctions.Features.BankConnections;
using BankFunctions.Features.Health;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Statements;

/// <summary>How a feed's stored cursor is used.</summary>
public enum FeedCursor
{
    /// <summary>The adapter's own cursor (next day for camt.053/MT940, last instant for camt.054), stored as given.</summary>
    Adapter,
    /// <summary>The stored cursor is the first day not yet complete; the adapter's cursor pages within one pull (CMB ctnkey).</summary>
    DayThenPages,
    /// <summary>No cursor: a snapshot (camt.052 intraday report).</summary>
    None,
}

/// <summary>
/// One stream of statement data from a bank for an account. <paramref name="ThroughYesterday"/>: only complete days
/// (final statements), so the cursor never moves past a day the bank may still add to. <paramref name="BalancesOnly"/>:
/// read for its balances; its entries arrive through another feed (the camt.052 intraday report repeats every
/// booking of the day, which camt.054 already delivered once).
/// </summary>
public sealed record StatementFeed(string Name, IBankAdapter Adapter, FeedCursor Cursor, bool ThroughYesterday, bool BalancesOnly = false);

/// <summary>
/// The statement feeds of each bank, built on the <c>BankFunctions.Banks</c> adapters (with their Polly pipeline:
/// timeouts, jittered retries of retryable failures, per-bank circuit breaker). The ISO 20022 bank: final camt.053 day
/// statements, camt.054 notifications (intraday bookings and returns with RtrInf) and the camt.052 intraday report
/// (today's balance); the CMB-style bank: DCTRSINF detail pages, balances from NTQACINF. Adapters are built once per
/// process so their circuit breakers see every call.
/// </summary>
public sealed class StatementFeeds(IHttpClientFactory http, BankEndpointsOptions banks, ISigningKeyStore keys, IConnectionSecrets secrets, BankPublicKeys bankKeys, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, IReadOnlyList<StatementFeed>> _feeds = new(StringComparer.Ordinal);

    public IReadOnlyList<StatementFeed> For(string bank) => _feeds.GetOrAdd(bank, Build);

    /// <summary>The adapter that answers balance queries for <paramref name="bank"/> (capability-checked by the caller).</summary>
    public IBankAdapter BalancesAdapter(string bank) => For(bank)[0].Adapter;

    /// <summary>The connection's credentials as the adapters take them; private keys stay in the key store.</summary>
    public async Task<BankConnection> ConnectionAsync(BankConnectionRow row, CancellationToken cancellationToken)
    {
        if (KnownBanks.All.GetValueOrDefault(row.Bank) != BankProtocol.CmbCloud)
        {
            return new BankConnection(row.CustomerId ?? "");
        }
        var uid = row.Uid ?? throw new InvalidOperationException("CMB connection has no UID.");
        var sm4 = await secrets.GetAsync(row.Sm4KeySecretName ?? throw new InvalidOperationException("CMB connection has no SM4 key."), cancellationToken);
        return new BankConnection(uid,
            Signer: keys.GetSigner(row.SigningKeyId, SignatureAlgorithms.SM2SM3, CmbCrypto.UserId(uid)),
            SymmetricKey: sm4,
            BankPublicKeyPem: await bankKeys.PemAsync(row.Bank, cancellationToken),
            PlatformName: "BankFunctions");
    }

    private IReadOnlyList<StatementFeed> Build(string bank)
    {
        var endpoint = banks.Banks.GetValueOrDefault(bank) ?? throw new InvalidOperationException($"Bank {bank} is not configured (Banks__{bank.Replace('-', '_')}__BaseUrl).");
        var baseUrl = endpoint.BaseUrl ?? throw new InvalidOperationException($"Banks__{bank.Replace('-', '_')}__BaseUrl is not set.");
        var resilience = new BankResilienceOptions { AttemptTimeout = TimeSpan.FromSeconds(endpoint.TimeoutSeconds) };
        return KnownBanks.All.GetValueOrDefault(bank) switch
        {
            BankProtocol.CmbCloud =>
            [
                new StatementFeed("dctrsinf", new SimBankCmbAdapter(Client(bank), new SimBankCmbOptions { BankId = bank, BaseUrl = baseUrl, Resilience = resilience }, clock),
                    FeedCursor.DayThenPages, ThroughYesterday: false),
            ],
            _ =>
            [
                Iso(bank, baseUrl, resilience, "camt.053", FeedCursor.Adapter, throughYesterday: true),
                Iso(bank, baseUrl, resilience, "camt.054", FeedCursor.Adapter, throughYesterday: false),
                Iso(bank, baseUrl, resilience, "camt.052", FeedCursor.None, throughYesterday: false) with { BalancesOnly = true },
            ],
        };
    }

    private StatementFeed Iso(string bank, Uri baseUrl, BankResilienceOptions resilience, string kind, FeedCursor cursor, bool throughYesterday) =>
        new(kind, new SimBankIsoAdapter(Client(bank), new SimBankIsoOptions { BankId = bank, BaseUrl = baseUrl, Resilience = resilience, StatementKind = kind }, clock),
            cursor, throughYesterday);

    private HttpClient Client(string bank)
    {
        var client = http.CreateClient("statements:" + bank);
        // The adapter's pipeline enforces per-attempt timeouts; the client's own must not cut it short.
        client.Timeout = Timeout.InfiniteTimeSpan;
        return client;
    }
}
