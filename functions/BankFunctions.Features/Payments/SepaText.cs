using System.Text;

namespace BankFunctions.Features.Payments;

/// <summary>
/// Text for ISO 20022 (SEPA) banks, which take only the EPC basic Latin set (a-z A-Z 0-9 / - ? : ( ) . , ' + space).
/// Latin letters outside it are converted as the EPC's SEPA conversion table recommends ("SEPA Requirements for an
/// Extended Character Set (UNICODE Subset) – Best Practices", EPC217-08): a letter with a diacritic becomes its base
/// letter (Ä Ö Ü ä ö ü → A O U a o u, é → e, ç → c, ł → l), ß → ss, ligatures are spelled out (æ → ae). Anything
/// else (Cyrillic, CJK, symbols) has no agreed conversion here and stays, so the validator refuses it.
/// </summary>
public static class SepaText
{
    // The Latin letters of Latin-1 Supplement and Latin Extended-A (and Romanian comma-below letters), each with its
    // EPC replacement. Spelled out because the service runs with invariant globalization (no Unicode decomposition).
    private static readonly (string Letters, string As)[] Groups =
    [
        ("ÀÁÂÃÄÅĀĂĄ", "A"), ("àáâãäåāăą", "a"), ("ÇĆĈĊČ", "C"), ("çćĉċč", "c"), ("ĎĐÐ", "D"), ("ďđð", "d"),
        ("ÈÉÊËĒĔĖĘĚ", "E"), ("èéêëēĕėęě", "e"), ("ĜĞĠĢ", "G"), ("ĝğġģ", "g"), ("ĤĦ", "H"), ("ĥħ", "h"),
        ("ÌÍÎÏĨĪĬĮİ", "I"), ("ìíîïĩīĭįı", "i"), ("Ĵ", "J"), ("ĵ", "j"), ("Ķ", "K"), ("ķĸ", "k"),
        ("ĹĻĽĿŁ", "L"), ("ĺļľŀł", "l"), ("ÑŃŅŇŊ", "N"), ("ñńņňŉŋ", "n"), ("ÒÓÔÕÖØŌŎŐ", "O"), ("òóôõöøōŏő", "o"),
        ("ŔŖŘ", "R"), ("ŕŗř", "r"), ("ŚŜŞŠȘ", "S"), ("śŝşšșſ", "s"), ("ŢŤŦȚ", "T"), ("ţťŧț", "t"),
        ("ÙÚÛÜŨŪŬŮŰŲ", "U"), ("ùúûüũūŭůűų", "u"), ("Ŵ", "W"), ("ŵ", "w"), ("ÝŶŸ", "Y"), ("ýÿŷ", "y"),
        ("ŹŻŽ", "Z"), ("źżž", "z"), ("ß", "ss"), ("Æ", "AE"), ("æ", "ae"), ("Œ", "OE"), ("œ", "oe"),
        ("Ĳ", "IJ"), ("ĳ", "ij"), ("Þ", "TH"), ("þ", "th"),
    ];

    private static readonly Dictionary<char, string> Conversions =
        Groups.SelectMany(g => g.Letters.Select(c => (c, g.As))).ToDictionary(p => p.c, p => p.As);

    /// <summary>A Latin letter outside the basic set that EPC217-08 converts (Ä, é, ß …): a bank of the extended set takes it as written.</summary>
    public static bool IsConvertibleLetter(char c) => Conversions.ContainsKey(c);

    /// <summary>The text with every convertible character converted (unchanged when nothing needed converting).</summary>
    public static string Transliterate(string text)
    {
        if (text.All(PartyText.IsSepaCharacter))
        {
            return text;
        }
        var result = new StringBuilder(text.Length + 4);
        foreach (var c in text)
        {
            result.Append(Convert(c));
        }
        return result.ToString();
    }

    private static string Convert(char c) =>
        PartyText.IsSepaCharacter(c) ? c.ToString() : Conversions.GetValueOrDefault(c) ?? c.ToString();
}
