using BankFunctions.Banks.Resilience;
using BankFunctions.Banks.Signing;

namespace BankFunctions.Banks;

/// <summary>
/// One adapter family (BANKS.md §A ISO 20022, §B CMB cloud), implemented once in its folder under <c>Adapters/</c>:
/// everything that differs between families — not between banks of one family, which is profile data — is here, so
/// Features never branches on the family (issue #12: banks are profiles, not code branches). The set of families is
/// <see cref="BankFamilies"/>.
/// </summary>
public interface IBankFamily
{
    /// <summary>The family as bank profiles name it (<c>Banks__&lt;id&gt;__Protocol</c>).</summary>
    string Name { get; }

    /// <summary>The statement feeds a bank of this family is pulled through, in pull order; the first answers balance queries.</summary>
    IReadOnlyList<BankStatementFeed> StatementFeeds { get; }

    /// <summary>The adapters of one bank: payments and one per statement feed, all on the bank's one channel.</summary>
    BankFamilyAdapters CreateAdapters(BankAdapterContext bank);

    /// <summary>The reference the bank will know a payment by (stored as the payment's BankReference, so it must never change).</summary>
    string BankReference(string paymentId, string endToEndId);

    /// <summary>Checks the credentials a connection request offers for <paramref name="bank"/> (as the request named it).</summary>
    CredentialsCheck CheckCredentials(CredentialsRequest request, string bank);

    /// <summary>The stored connection as the adapters take it; private keys stay in <paramref name="keys"/>.</summary>
    Task<BankConnection> ConnectAsync(StoredConnection stored, ISigningKeyStore keys, IConnectionLookups lookups, CancellationToken cancellationToken);
}

/// <summary>What a bank's profile and endpoint give its family's adapters.</summary>
/// <param name="Capabilities">What the adapters may do for this bank; null: everything the family offers.</param>
/// <param name="Channel">The bank's one channel: its Polly pipeline and circuit breaker see every call to the bank.</param>
public sealed record BankAdapterContext(string BankId, Uri BaseUrl, IReadOnlyList<BankCapability>? Capabilities, BankHttpChannel Channel, TimeProvider Clock);

/// <summary>
/// One stream of statement data a family offers. <paramref name="ThroughYesterday"/>: only complete days (final
/// statements), so the cursor never moves past a day the bank may still add to. <paramref name="BalancesOnly"/>: read
/// for its balances; its entries arrive through another feed.
/// </summary>
public sealed record BankStatementFeed(string Name, bool ThroughYesterday, bool BalancesOnly = false);

/// <summary>A statement feed with the adapter that pulls it.</summary>
public sealed record BankFeedAdapter(BankStatementFeed Feed, IBankAdapter Adapter);

/// <summary>The adapters a family built for one bank (a feed's adapter may be the payments adapter itself).</summary>
public sealed record BankFamilyAdapters(IBankAdapter Payments, IReadOnlyList<BankFeedAdapter> Feeds);
