using BankFunctions.Banks;
using BankFunctions.Domain.Calendar;
using BankFunctions.Features.Health;

namespace BankFunctions.Features.Profiles;

/// <summary>
/// One bank as this deployment knows it, read from configuration (<c>Banks__&lt;id&gt;__…</c>, docs/CONFIGURATION.md):
/// what differs between banks is data here, so adding a bank of a known adapter family is configuration, not code.
/// </summary>
/// <param name="Family">How the gateway talks to the bank (<c>Banks__&lt;id&gt;__Protocol</c>): its adapter family.</param>
/// <param name="Capabilities">What the adapter may do for this bank; null: everything its family offers.</param>
/// <param name="Currencies">The currencies accounts at this bank may hold; empty: any ISO 4217 currency.</param>
public sealed record BankProfile(
    string Id,
    string DisplayName,
    IBankFamily Family,
    BusinessCalendar Calendar,
    IReadOnlySet<string> Currencies,
    IReadOnlyList<BankCapability>? Capabilities,
    PartyCharset Charset,
    AccountScheme Accounts,
    BankEndpoint Endpoint)
{
    public bool Supports(string currency) => Currencies.Count == 0 || Currencies.Contains(currency);
}
