using System.Globalization;
using System.Text;

namespace BankFunctions.Bench.Screening;

/// <summary>
/// A synthetic SDN.CSV of N entries (fixed seed): individuals as "SURNAME, Given Given" and entities as two to four
/// words with a legal form, from syllables, so names share tokens and first letters the way a real list does. Also the
/// names to screen: a third listed names spelled differently (a letter changed, tokens reordered), a third listed
/// names as written, a third names not on the list.
/// </summary>
internal static class SyntheticList
{
    private static readonly string[] Syllables =
    [
        "al", "ba", "ka", "ri", "mo", "sha", "den", "tor", "vi", "na", "lek", "sar", "om", "ur", "fa", "gol", "hu", "ze", "pet", "rov",
        "in", "ko", "lay", "mir", "nov", "ost", "pra", "que", "sto", "tan", "ush", "vla", "wen", "yar", "zol", "ibn", "abd", "has", "jun", "kim",
    ];

    private static readonly string[] Forms = ["LTD", "LLC", "TRADING CO", "GMBH", "JSC", "FZE", "SHIPPING", "HOLDINGS", "INTERNATIONAL", "GROUP"];

    public static string Word(Random random, int syllables)
    {
        var word = new StringBuilder();
        for (var i = 0; i < syllables; i++)
        {
            word.Append(Syllables[random.Next(Syllables.Length)]);
        }
        return word.ToString();
    }

    public static (string Csv, List<string> Names) Sdn(int entries, int seed = 17)
    {
        var random = new Random(seed);
        var csv = new StringBuilder();
        var names = new List<string>(entries);
        for (var id = 1; id <= entries; id++)
        {
            string name, type;
            if (random.Next(2) == 0)
            {
                name = $"{Word(random, 3).ToUpperInvariant()}, {Title(Word(random, 2))} {Title(Word(random, 3))}";
                type = "\"individual\"";
            }
            else
            {
                var words = Enumerable.Range(0, 2 + random.Next(3)).Select(_ => Word(random, 2 + random.Next(2)).ToUpperInvariant());
                name = string.Join(' ', words) + " " + Forms[random.Next(Forms.Length)];
                type = "-0- ";
            }
            names.Add(name);
            csv.Append(CultureInfo.InvariantCulture, $"{id},\"{name}\",{type},\"SDGT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n");
        }
        return (csv.ToString(), names);
    }

    public static List<(string Name, string Kind)> Screened(List<string> listed, int count, int seed = 19)
    {
        var random = new Random(seed);
        var screened = new List<(string, string)>(count);
        for (var i = 0; i < count; i++)
        {
            var listedName = listed[random.Next(listed.Count)];
            screened.Add((i % 3) switch
            {
                0 => (Variant(random, listedName), "variant"),
                1 => (listedName, "exact"),
                _ => ($"{Title(Word(random, 3))} {Title(Word(random, 3))} {Word(random, 2).ToUpperInvariant()}", "unlisted"),
            });
        }
        return screened;
    }

    private static string Variant(Random random, string name)
    {
        var tokens = name.Replace(",", "", StringComparison.Ordinal).Split(' ').ToList();
        var t = random.Next(tokens.Count);
        var token = tokens[t].ToCharArray();
        if (token.Length > 3)
        {
            token[1 + random.Next(token.Length - 2)] = (char)('a' + random.Next(26));
        }
        tokens[t] = new string(token);
        tokens.Reverse();
        return string.Join(' ', tokens);
    }

    private static string Title(string word) => char.ToUpperInvariant(word[0]) + word[1..];
}
