using BankFunctions.Domain;

namespace BankFunctions.Features.Accounts;

/// <summary>Field checks for accounts and creditors, from the Domain validators (ISO 13616, ISO 9362, CNAPS, ISO 4217).</summary>
public static class AccountFieldRules
{
    public static bool IsCurrency(string code) => Currency.Find(code) is not null;

    public static string NormaliseIban(string iban) => Iban.Normalise(iban);

    public static string? IbanError(string iban) => Iban.Error(iban);

    /// <summary>Domestic (non-IBAN) account numbers as the CMB-style bank takes them.</summary>
    public static string? AccountNumberError(string number) => ChineseBanking.AccountNumberError(number);

    public static string? BicError(string bic) => Bic.Error(bic);

    public static string? BankCodeError(string code) => ChineseBanking.CnapsError(code);
}
