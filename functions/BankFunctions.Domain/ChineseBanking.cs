namespace BankFunctions.Domain;

/// <summary>
/// China's bank identifiers. A CNAPS (China National Advanced Payment System) bank code is 12 digits: 3 digits bank
/// category, 4 digits city (area) code, 4 digits branch, 1 check digit whose algorithm PBoC does not publish — so
/// only the shape is checked here. Domestic account numbers are digits only; banks issue 8 to 30 of them.
/// </summary>
public static class ChineseBanking
{
    public static string? CnapsError(string code) =>
        code.Length == 12 && code.All(char.IsAsciiDigit) && code[0] != '0' ? null : "must be a 12-digit CNAPS bank code.";

    public static string? AccountNumberError(string account) =>
        account.Length is >= 8 and <= 30 && account.All(char.IsAsciiDigit) ? null : "must be 8–30 digits (a domestic account number).";
}
