using BankFunctions.Banks.Signing;

namespace BankFunctions.Banks.Adapters.Cmb;

/// <summary>CMB-style cloud direct connect: SM2 signature, SM4 encryption (BANKS.md §B).</summary>
public sealed class CmbCloudFamily : IBankFamily
{
    /// <summary>INSPLAT: the platform the envelopes say they come from.</summary>
    private const string PlatformName = "BankFunctions";

    public string Name => "CmbCloud";

    /// <summary>DCTRSINF detail pages (today's too: the cursor carries the page); balances come from NTQACINF.</summary>
    public IReadOnlyList<BankStatementFeed> StatementFeeds { get; } = [new("dctrsinf", ThroughYesterday: false)];

    /// <summary>One adapter for payments and the feed: every call is an envelope to the same endpoint.</summary>
    public BankFamilyAdapters CreateAdapters(BankAdapterContext bank)
    {
        var options = new CmbCloudOptions { BankId = bank.BankId, BaseUrl = bank.BaseUrl };
        if (bank.Capabilities is { } capabilities) options.Capabilities = capabilities;
        var adapter = new CmbCloudAdapter(bank.Channel, options, bank.Clock);
        return new(adapter, [.. StatementFeeds.Select(f => new BankFeedAdapter(f, adapter))]);
    }

    /// <summary>The yurref derived from the payment id (<see cref="CmbYurref"/>).</summary>
    public string BankReference(string paymentId, string endToEndId) => CmbYurref.Of(paymentId);

    /// <summary>The UID and the SM4 key the bank issued; the gateway makes an SM2 key. No customer id.</summary>
    public CredentialsCheck CheckCredentials(CredentialsRequest request, string bank)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrEmpty(request.Uid) || request.Uid.Length > 32 || !request.Uid.All(char.IsAsciiLetterOrDigit))
        {
            errors.Add(new("uid", "is required: 1–32 letters and digits."));
        }
        byte[]? sm4 = null;
        if (request.Sm4Key is null || request.Sm4Key.Length != 32 || !request.Sm4Key.All(char.IsAsciiHexDigit))
        {
            errors.Add(new("sm4Key", "is required: 32 hexadecimal characters (a 16-byte SM4 key)."));
        }
        else
        {
            sm4 = Convert.FromHexString(request.Sm4Key);
        }
        if (request.CustomerId is not null) errors.Add(new("customerId", $"is not used by {bank}."));
        if (request.SignatureAlgorithm is not null and not "SM2") errors.Add(new("signatureAlgorithm", $"{bank} signs with SM2 only."));
        return CredentialsCheck.Of(new BankCredentials(null, request.Uid, sm4, "SM2", SigningKeyKind.Sm2), errors);
    }

    /// <summary>SM2-SM3 with the UID's user id, the SM4 key from its secret, the bank's public key to verify answers.</summary>
    public async Task<BankConnection> ConnectAsync(StoredConnection stored, ISigningKeyStore keys, IConnectionLookups lookups, CancellationToken cancellationToken)
    {
        var uid = stored.Uid ?? throw new InvalidOperationException("CMB connection has no UID.");
        var sm4 = await lookups.SecretAsync(stored.SymmetricKeySecretName ?? throw new InvalidOperationException("CMB connection has no SM4 key."), cancellationToken).ConfigureAwait(false);
        return new BankConnection(uid,
            Signer: keys.GetSigner(stored.SigningKeyId, SignatureAlgorithms.SM2SM3, CmbCrypto.UserId(uid)),
            SymmetricKey: sm4,
            BankPublicKeyPem: await lookups.BankPublicKeyPemAsync(stored.Bank, cancellationToken).ConfigureAwait(false),
            PlatformName: PlatformName);
    }
}
