using System.Collections.Concurrent;
using BankFunctions.Banks;
using BankFunctions.Banks.Adapters.Cmb;
using BankFunctions.Banks.Adapters.Iso;
using BankFunctions.Banks.Resilience;
using BankFunctions.Banks.Signing;
using BankFunctions.Features.Health;
using BankFunctions.Features.Profiles;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.BankConnections;

/// <summary>
/// The <c>BankFunctions.Banks</c> adapters of each configured bank, built once per process, and the connection
/// credentials they take. Every adapter of a bank — payments and every statement feed — shares that bank's one
/// <see cref="BankHttpChannel"/>, so its Polly pipeline (per-attempt timeout, jittered retries of retryable failures
/// only, circuit breaker) is truly per bank: a bank that fails for statements is not hammered with payments.
/// </summary>
public sealed class BankAdapters(IHttpClientFactory http, BankProfiles profiles, BankEndpointsOptions banks, ISigningKeyStore keys, IConnectionSecrets secrets, BankPublicKeys bankKeys, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, BankHttpChannel> _channels = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Bank, string Kind), IBankAdapter> _adapters = new();

    /// <summary>The adapter that prepares and sends the bank's payment files and queries their status.</summary>
    public IBankAdapter Payments(string bank) => _adapters.GetOrAdd((bank, ""), key => Build(key.Bank, null));

    /// <summary>ISO 20022: the adapter of one statement feed (camt.053, camt.054, camt.052, mt940). CMB: its one adapter.</summary>
    public IBankAdapter Statements(string bank, string kind) =>
        IsCmb(bank) ? Payments(bank) : _adapters.GetOrAdd((bank, kind), key => Build(key.Bank, key.Kind));

    /// <summary>The adapter family of a bank's profile; null for a bank this deployment has no profile of.</summary>
    public BankProtocol? Family(string bank) => profiles.Find(bank)?.Protocol;

    /// <summary>The connection's credentials as the adapters take them; private keys stay in the key store.</summary>
    public async Task<BankConnection> ConnectionAsync(BankConnectionRow row, CancellationToken cancellationToken)
    {
        if (!IsCmb(row.Bank))
        {
            return new BankConnection(row.CustomerId ?? "", Signer: keys.GetSigner(row.SigningKeyId, row.SignatureAlgorithm), KeyId: row.SigningKeyId);
        }
        var uid = row.Uid ?? throw new InvalidOperationException("CMB connection has no UID.");
        var sm4 = await secrets.GetAsync(row.Sm4KeySecretName ?? throw new InvalidOperationException("CMB connection has no SM4 key."), cancellationToken);
        return new BankConnection(uid,
            Signer: keys.GetSigner(row.SigningKeyId, SignatureAlgorithms.SM2SM3, CmbCrypto.UserId(uid)),
            SymmetricKey: sm4,
            BankPublicKeyPem: await bankKeys.PemAsync(row.Bank, cancellationToken),
            PlatformName: "BankFunctions");
    }

    private bool IsCmb(string bank) => profiles.Get(bank).Protocol == BankProtocol.CmbCloud;

    /// <summary>Profile → adapter family: the profile's id, endpoint and capabilities configure its family's adapter.</summary>
    private IBankAdapter Build(string bank, string? statementKind)
    {
        var profile = profiles.Get(bank);
        var (baseUrl, _) = Endpoint(bank);
        var channel = _channels.GetOrAdd(bank, Channel);
        if (profile.Protocol == BankProtocol.CmbCloud)
        {
            var cmb = new CmbCloudOptions { BankId = bank, BaseUrl = baseUrl };
            if (profile.Capabilities is { } cmbCapabilities) cmb.Capabilities = cmbCapabilities;
            return new CmbCloudAdapter(channel, cmb, clock);
        }
        var iso = new Iso20022Options { BankId = bank, BaseUrl = baseUrl, StatementKind = statementKind ?? "camt.053" };
        if (profile.Capabilities is { } isoCapabilities) iso.Capabilities = isoCapabilities;
        return new Iso20022Adapter(channel, iso, clock);
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
