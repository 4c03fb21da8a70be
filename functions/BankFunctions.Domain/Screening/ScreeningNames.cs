using System.Globalization;
using System.Text;

namespace BankFunctions.Domain.Screening;

/// <summary>
/// A name as screening compares it: diacritics folded (<c>Müller</c> → <c>muller</c>, by a table of the Unicode canonical
/// decompositions of Latin-1, Latin Extended-A/B and Latin Extended Additional — the app runs with invariant
/// globalization, where string normalization does not decompose), letters without a decomposition spelled out (<c>ß</c> → <c>ss</c>, <c>ø</c> → <c>o</c>, <c>ł</c> → <c>l</c>), Cyrillic
/// transliterated (ICAO Doc 9303 table, as in machine-readable passports), lower case, punctuation a separator, and
/// legal forms and joining words dropped (<c>LLC</c>, <c>GmbH</c>, <c>the</c>) unless nothing else is left. What is
/// left is a list of tokens; their order is not significant to <see cref="NameScore"/>.
/// </summary>
public static class ScreeningNames
{
    private static readonly HashSet<string> Noise = new(StringComparer.Ordinal)
    {
        "the", "and", "of", "for", "und", "et",
        "ltd", "limited", "llc", "llp", "lp", "inc", "incorporated", "corp", "corporation", "co", "company", "cie",
        "gmbh", "mbh", "ag", "kg", "se", "sa", "sas", "sarl", "srl", "spa", "bv", "nv", "plc", "ab", "as", "oy",
        "ooo", "oao", "zao", "pao", "ojsc", "cjsc", "pjsc", "jsc", "fze", "fzco", "fzc", "llc", "pte", "pty", "bhd", "sdn",
    };

    private static readonly Dictionary<char, string> Spelled = new()
    {
        ['ß'] = "ss", ['æ'] = "ae", ['œ'] = "oe", ['ø'] = "o", ['ł'] = "l", ['đ'] = "d", ['ð'] = "d", ['þ'] = "th",
        ['ı'] = "i", ['ħ'] = "h", ['ŧ'] = "t", ['ŀ'] = "l", ['ĸ'] = "k",
        // Cyrillic, ICAO Doc 9303 Part 3 transliteration.
        ['а'] = "a", ['б'] = "b", ['в'] = "v", ['г'] = "g", ['д'] = "d", ['е'] = "e", ['ё'] = "e", ['ж'] = "zh", ['з'] = "z",
        ['и'] = "i", ['й'] = "i", ['к'] = "k", ['л'] = "l", ['м'] = "m", ['н'] = "n", ['о'] = "o", ['п'] = "p", ['р'] = "r",
        ['с'] = "s", ['т'] = "t", ['у'] = "u", ['ф'] = "f", ['х'] = "kh", ['ц'] = "ts", ['ч'] = "ch", ['ш'] = "sh",
        ['щ'] = "shch", ['ъ'] = "ie", ['ы'] = "y", ['ь'] = "", ['э'] = "e", ['ю'] = "iu", ['я'] = "ia",
        ['і'] = "i", ['ї'] = "i", ['є'] = "ie", ['ґ'] = "g", ['ў'] = "u",
    };

    /// <summary>Lower-case precomposed Latin letters and their base letter, as pairs (generated from UnicodeData.txt decompositions).</summary>
    private const string Decomposed =
        "àaáaâaãaäaåaçcèeéeêeëeìiíiîiïiñnòoóoôoõoöoùuúuûuüuýyÿyāaăaąaćcĉcċcčcďdēeĕeėeęeěeĝgğgġgģgĥhĩiīiĭiįiĵjķkĺlļlľlńnņnňnōoŏoőoŕrŗrřrśsŝsşsšsţtťtũuūuŭuůuűuųuŵwŷyźzżzžzơoưuǎaǐiǒoǔuǖuǘuǚuǜuǟaǡaǧgǩkǫoǭoǰjǵgǹnǻaȁaȃaȅeȇeȉiȋiȍoȏoȑrȓrȕuȗușsțtȟhȧaȩeȫoȭoȯoȱoȳyḁaḃbḅbḇbḉcḋdḍdḏdḑdḓdḕeḗeḙeḛeḝeḟfḡgḣhḥhḧhḩhḫhḭiḯiḱkḳkḵkḷlḹlḻlḽlḿmṁmṃmṅnṇnṉnṋnṍoṏoṑoṓoṕpṗpṙrṛrṝrṟrṡsṣsṥsṧsṩsṫtṭtṯtṱtṳuṵuṷuṹuṻuṽvṿvẁwẃwẅwẇwẉwẋxẍxẏyẑzẓzẕzẖhẗtẘwẙyạaảaấaầaẩaẫaậaắaằaẳaẵaặaẹeẻeẽeếeềeểeễeệeỉiịiọoỏoốoồoổoỗoộoớoờoởoỡoợoụuủuứuừuửuữuựuỳyỵyỷyỹy";

    private static readonly Dictionary<char, char> BaseLetter = Enumerable.Range(0, Decomposed.Length / 2)
        .ToDictionary(i => Decomposed[2 * i], i => Decomposed[(2 * i) + 1]);

    /// <summary>The name's tokens (empty when it has no letters or digits).</summary>
    public static IReadOnlyList<string> Tokens(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return [];
        }
        var folded = Fold(name);
        var all = folded.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var kept = all.Where(t => !Noise.Contains(t)).ToArray();
        return kept.Length > 0 ? kept : all;
    }

    /// <summary>Lower case, diacritics folded, transliterated; every run of anything but a letter or digit is one space.</summary>
    public static string Fold(string name)
    {
        var lower = name.ToLowerInvariant();
        var text = new StringBuilder(lower.Length);
        var space = true;
        foreach (var raw in lower)
        {
            var c = BaseLetter.TryGetValue(raw, out var letter) ? letter : raw;
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
            {
                continue;
            }
            if (Spelled.TryGetValue(c, out var spelled))
            {
                text.Append(spelled);
                space = false;
            }
            else if (char.IsLetterOrDigit(c))
            {
                text.Append(c);
                space = false;
            }
            else if (!space && c is not '\'' and not '’')
            {
                // O'Brien and O’Brien are obrien; every other separator splits.
                text.Append(' ');
                space = true;
            }
        }
        return text.ToString().Trim();
    }
}
