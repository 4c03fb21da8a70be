namespace BankFunctions.Features.Accounts;

/// <summary>
/// Field checks used when registering accounts. Delegates to the Domain validators (IBAN mod-97 and country
/// lengths, BIC, CNAPS, currency table).
/// </summary>
public static class AccountFieldRules
{
    public static bool IsCurrency(string code) => code.Length == 3 && code.All(char.IsAsciiLetterUpper);

    public static string NormaliseIban(string iban) => iban.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();

    public static string? IbanError(string iban) => iban.Length is >= 15 and <= 34 && iban.All(char.IsAsciiLetterOrDigit) ? null : "is not a valid IBAN.";

    public static string? AccountNumberError(string number) =>
        number.Length is >= 4 and <= 34 && number.All(char.IsAsciiLetterOrDigit) ? null : "must be 4–34 letters and digits.";

    public static string? BicError(string bic) => bic.Length is 8 or 11 && bic.All(char.IsAsciiLetterOrDigit) ? null : "is not a valid BIC (ISO 9362).";

    public static string? BankCodeError(string code) => code.Length == 12 && code.All(char.IsAsciiDigit) ? null : "must be a 12-digit CNAPS bank code.";
}
