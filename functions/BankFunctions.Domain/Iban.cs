namespace BankFunctions.Domain;

/// <summary>
/// IBAN checks per ISO 13616: country code, the registry's length for that country, and the mod-97 check digits
/// (ISO 7064 MOD 97-10). Accepts the grouped print form ("DE89 3704 …") and normalises it.
/// </summary>
public static class Iban
{
    // SWIFT IBAN registry: total length per country.
    private static readonly Dictionary<string, int> Lengths = new(StringComparer.Ordinal)
    {
        ["AD"] = 24, ["AE"] = 23, ["AL"] = 28, ["AT"] = 20, ["AZ"] = 28, ["BA"] = 20, ["BE"] = 16, ["BG"] = 22, ["BH"] = 22, ["BI"] = 27,
        ["BR"] = 29, ["BY"] = 28, ["CH"] = 21, ["CR"] = 22, ["CY"] = 28, ["CZ"] = 24, ["DE"] = 22, ["DJ"] = 27, ["DK"] = 18, ["DO"] = 28,
        ["EE"] = 20, ["EG"] = 29, ["ES"] = 24, ["FI"] = 18, ["FK"] = 18, ["FO"] = 18, ["FR"] = 27, ["GB"] = 22, ["GE"] = 22, ["GI"] = 23,
        ["GL"] = 18, ["GR"] = 27, ["GT"] = 28, ["HN"] = 28, ["HR"] = 21, ["HU"] = 28, ["IE"] = 22, ["IL"] = 23, ["IQ"] = 23, ["IS"] = 26,
        ["IT"] = 27, ["JO"] = 30, ["KW"] = 30, ["KZ"] = 20, ["LB"] = 28, ["LC"] = 32, ["LI"] = 21, ["LT"] = 20, ["LU"] = 20, ["LV"] = 21,
        ["LY"] = 25, ["MC"] = 27, ["MD"] = 24, ["ME"] = 22, ["MK"] = 19, ["MN"] = 20, ["MR"] = 27, ["MT"] = 31, ["MU"] = 30, ["NI"] = 28,
        ["NL"] = 18, ["NO"] = 15, ["OM"] = 23, ["PK"] = 24, ["PL"] = 28, ["PS"] = 29, ["PT"] = 25, ["QA"] = 29, ["RO"] = 24, ["RS"] = 22,
        ["RU"] = 33, ["SA"] = 24, ["SC"] = 31, ["SD"] = 18, ["SE"] = 24, ["SI"] = 19, ["SK"] = 24, ["SM"] = 27, ["SO"] = 23, ["ST"] = 25,
        ["SV"] = 28, ["TL"] = 23, ["TN"] = 24, ["TR"] = 26, ["UA"] = 29, ["VA"] = 22, ["VG"] = 24, ["XK"] = 20, ["YE"] = 30,
    };

    public static string Normalise(string iban) => iban.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();

    /// <summary>Null when valid, otherwise what is wrong.</summary>
    public static string? Error(string iban)
    {
        var value = Normalise(iban);
        if (value.Length < 5 || !char.IsAsciiLetterUpper(value[0]) || !char.IsAsciiLetterUpper(value[1]) || !char.IsAsciiDigit(value[2]) || !char.IsAsciiDigit(value[3]))
        {
            return "must start with a country code and two check digits.";
        }
        if (!value.All(char.IsAsciiLetterOrDigit))
        {
            return "may contain only letters and digits.";
        }
        if (!Lengths.TryGetValue(value[..2], out var length))
        {
            return $"'{value[..2]}' is not an IBAN country.";
        }
        if (value.Length != length)
        {
            return $"must be {length} characters for {value[..2]} (got {value.Length}).";
        }
        return Mod97(value) == 1 ? null : "check digits do not match (ISO 7064 mod 97).";
    }

    private static int Mod97(string iban)
    {
        var remainder = 0;
        foreach (var c in iban[4..] + iban[..4])
        {
            var digits = char.IsAsciiDigit(c) ? c - '0' : c - 'A' + 10;
            remainder = digits >= 10 ? ((remainder * 100) + digits) % 97 : ((remainder * 10) + digits) % 97;
        }
        return remainder;
    }
}
