namespace BankFunctions.Domain;

/// <summary>
/// BIC (ISO 9362): 4 letters institution code, 2 letters country (ISO 3166-1), 2 alphanumeric location, optional
/// 3 alphanumeric branch. Location "x0" with a second character '0' denotes a test BIC and is refused.
/// </summary>
public static class Bic
{
    public static string? Error(string bic)
    {
        var value = bic.ToUpperInvariant();
        if (value.Length is not (8 or 11))
        {
            return "must be 8 or 11 characters (ISO 9362).";
        }
        if (!value[..4].All(char.IsAsciiLetterUpper))
        {
            return "must start with a 4-letter institution code.";
        }
        if (!Countries.IsIso3166(value.Substring(4, 2)))
        {
            return $"'{value.Substring(4, 2)}' is not an ISO 3166 country code.";
        }
        if (!value[6..].All(char.IsAsciiLetterOrDigit))
        {
            return "location and branch must be letters or digits.";
        }
        if (value[7] == '0')
        {
            return "is a test BIC (location code ends in 0) that banks do not route.";
        }
        return null;
    }
}
