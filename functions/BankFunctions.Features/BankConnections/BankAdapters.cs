using System.Collections.Concurrent;
using BankFunctions.Banks;
using BankFunctions.Banks.Resilience;
using BankFunctions.Banks.Signing;
using BankFunctions.Features.Health;
using BankFunctions.Features.Profiles;
using BankFunctions.Features.Telemetry;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.BankConnections;

/// <summary>
/// The <c>BankFunctions.Banks</c> adapters of each configured bank, built once per process, and the connection
/// credentials they take. Every adapter of a bank — payments and every statement feed — shares that bank's one
/// <see cref="BankHttpChannel"/>, so its Polly pipeline (per-attempt timeout, jittered retries of retryable failures
/// only, circuit breaker) is truly per bank: a bank that fails for statements is not hammered with payments.
/// </summary>
public sealed class BankAdapters(IHttpClientFactory http, BankProfiles profiles, BankEndpointsOptions banks, ISigningKeyStore keys, IConnectionSecrets secrets, BankPublicKeys bankKeys, BankCallWindow calls, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, BankHttpChannel> _channels = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, BankFamilyAdapters> _adapters = new(StringComparer.Ordinal);

    /// <summary>The adapter that prepares and sends the bank's payment files and queries their status.</summary>
    public IBankAdapter Payments(string bank) => Of(bank).Payments;

    /// <summary>The bank's statement feeds, each with its adapter, as its family lists them.</summary>
    public IReadOnlyList<BankFeedAdapter> Feeds(string bank) => Of(bank).Feeds;

    /// <summary>The connection's credentials as the adapters take them; private keys stay in the key store.</summary>
    public Task<BankConnection> ConnectionAsync(BankConnectionRow row, CancellationToken cancellationToken) =>
        profiles.Get(row.Bank).Family.ConnectAsync(
            new StoredConnection(row.Bank, row.CustomerId, row.Uid, row.SigningKeyId, row.SignatureAlgorithm, row.Sm4KeySecretName),
            keys, new Lookups(secrets, bankKeys), cancellationToken);

    /// <summary>Profile → adapter family: the profile's id, endpoint and capabilities configure its family's adapters.</summary>
    private BankFamilyAdapters Of(string bank) => _adapters.GetOrAdd(bank, b =>
    {
        var profile = profiles.Get(b);
        var (baseUrl, _) = Endpoint(b);
        var adapters = profile.Family.CreateAdapters(new BankAdapterContext(b, baseUrl, profile.Capabilities, _channels.GetOrAdd(b, Channel), clock));
        // Every bank call is measured and traced at this one boundary (issue #16 telemetry).
        return new BankFamilyAdapters(new InstrumentedBankAdapter(adapters.Payments, calls),
            [.. adapters.Feeds.Select(f => f with { Adapter = new InstrumentedBankAdapter(f.Adapter, calls) })]);
    });

    /// <summary>The circuit of each bank this process has called so far (a bank never called has no circuit yet).</summary>
    public IReadOnlyDictionary<string, string> CircuitStates() =>
        _channels.ToDictionary(c => c.Key, c => c.Value.CircuitState, StringComparer.Ordinal);

    private sealed class Lookups(IConnectionSecrets secrets, BankPublicKeys bankKeys) : IConnectionLookups
    {
        public Task<byte[]> SecretAsync(string name, CancellationToken cancellationToken) => secrets.GetAsync(name, cancellationToken);

        public Task<string> BankPublicKeyPemAsync(string bank, CancellationToken cancellationToken) => bankKeys.PemAsync(bank, cancellationToken);
    }

    private BankHttpChannel Channel(string bank)
    {
        var (baseUrl, endpoint) = Endpoint(bank);
        var client = http.CreateClient("bank:" + bank);
        client.BaseAddress = BankHttpChannel.AsBaseAddress(baseUrl);
        // The channel's pipeline times each attempt; the client's own timeout must not cut it short.
        client.Timeout = Timeout.InfiniteTimeSpan;
        return new BankHttpChannel(client, new BankResilienceOptions
        {
            AttemptTimeout = TimeSpan.FromSeconds(endpoint.TimeoutSeconds),
            BreakerBreakDuration = TimeSpan.FromSeconds(endpoint.BreakerBreakSeconds),
        }, clock);
    }

    private (Uri BaseUrl, BankEndpoint Settings) Endpoint(string bank)
    {
        var endpoint = banks.Banks.GetValueOrDefault(bank) ?? throw new InvalidOperationException($"Bank {bank} is not configured (Banks__{bank}__BaseUrl).");
        var baseUrl = endpoint.BaseUrl ?? throw new InvalidOperationException($"Banks__{bank}__BaseUrl is not set.");
        return (baseUrl, endpoint);
    }
}
