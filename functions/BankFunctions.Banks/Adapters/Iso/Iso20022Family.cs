using BankFunctions.Banks.Signing;

namespace BankFunctions.Banks.Adapters.Iso;

/// <summary>ISO 20022 over HTTPS with a detached RSA/EC signature (BANKS.md §A).</summary>
public sealed class Iso20022Family : IBankFamily
{
    public string Name => "Iso20022";

    /// <summary>
    /// Final camt.053 day statements (complete days only), camt.054 notifications (intraday bookings and returns with
    /// RtrInf) and the camt.052 intraday report, read for today's balance only: it repeats every booking of the day,
    /// which camt.054 already delivered once.
    /// </summary>
    public IReadOnlyList<BankStatementFeed> StatementFeeds { get; } =
    [
        new("camt.053", ThroughYesterday: true),
        new("camt.054", ThroughYesterday: false),
        new("camt.052", ThroughYesterday: false, BalancesOnly: true),
    ];

    /// <summary>One adapter per feed (its StatementKind), and one for payments; all on the bank's channel.</summary>
    public BankFamilyAdapters CreateAdapters(BankAdapterContext bank) =>
        new(Adapter(bank, "camt.053"), [.. StatementFeeds.Select(f => new BankFeedAdapter(f, Adapter(bank, f.Name)))]);

    private static Iso20022Adapter Adapter(BankAdapterContext bank, string statementKind)
    {
        var options = new Iso20022Options { BankId = bank.BankId, BaseUrl = bank.BaseUrl, StatementKind = statementKind };
        if (bank.Capabilities is { } capabilities) options.Capabilities = capabilities;
        return new Iso20022Adapter(bank.Channel, options, bank.Clock);
    }

    /// <summary>The EndToEndId: the pain.001 carries it and pain.002/camt echo it.</summary>
    public string BankReference(string paymentId, string endToEndId) => endToEndId;

    /// <summary>X-Customer-Id and an RSA or EC key (PS256 by default); no UID or SM4 key.</summary>
    public CredentialsCheck CheckCredentials(CredentialsRequest request, string bank)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrEmpty(request.CustomerId) || request.CustomerId.Length > 35 || !request.CustomerId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            errors.Add(new("customerId", "is required: 1–35 characters of letters, digits, '-' and '_'."));
        }
        if (request.Uid is not null) errors.Add(new("uid", $"is not used by {bank}."));
        if (request.Sm4Key is not null) errors.Add(new("sm4Key", $"is not used by {bank}."));
        var algorithm = request.SignatureAlgorithm ?? SignatureAlgorithms.PS256;
        SigningKeyKind kind = default;
        switch (algorithm)
        {
            case SignatureAlgorithms.PS256 or SignatureAlgorithms.RS256: kind = SigningKeyKind.Rsa2048; break;
            case SignatureAlgorithms.ES256: kind = SigningKeyKind.EcP256; break;
            default: errors.Add(new("signatureAlgorithm", "must be PS256, RS256 or ES256.")); break;
        }
        return CredentialsCheck.Of(new BankCredentials(request.CustomerId, null, null, algorithm, kind), errors);
    }

    public Task<BankConnection> ConnectAsync(StoredConnection stored, ISigningKeyStore keys, IConnectionLookups lookups, CancellationToken cancellationToken) =>
        Task.FromResult(new BankConnection(stored.CustomerId ?? "", Signer: keys.GetSigner(stored.SigningKeyId, stored.SignatureAlgorithm), KeyId: stored.SigningKeyId));
}
