namespace BankFunctions.Formats.Statements.Mt940;

/// <summary>
/// The account of a <c>:25:</c> field. Some banks append the account's currency: legacy Rabobank
/// (<c>1291.99.348EUR</c>, <c>0800003200000001610722 EUR</c>, one account number in several currencies, each its own
/// statement), bunq (<c>NL10BUNQ2290325473 EUR</c>), OTP (<c>UBRTHUHB/…/HUF</c>). The currency is the statement's
/// (it is read from the balances), not part of the account number, so it is cut off: otherwise the statement could not
/// be routed to the account by its number or IBAN.
/// </summary>
internal static class AccountIdentification
{
    public static string? WithoutCurrency(string? account, string? currency)
    {
        if (account is null || currency is not { Length: 3 } || account.Length <= 3 + 4
            || !account.EndsWith(currency, StringComparison.Ordinal))
        {
            return account;
        }
        var rest = account[..^3];
        // Only after a digit or a separator: "…BANK/EUR" or "…1234EUR", never letters that belong to the number.
        var last = rest[^1];
        if (!(char.IsAsciiDigit(last) || last is ' ' or '/' or '-'))
        {
            return account;
        }
        var trimmed = rest.TrimEnd(' ', '/', '-');
        return trimmed.Length == 0 ? account : trimmed;
    }
}
