namespace BankFunctions.Features.Receivables;

/// <summary>
/// How references are compared with remittance text: as words — runs of letters and digits (CJK included), upper-case —
/// so case, spaces and punctuation do not matter ("inv-2026/001" = "INV 2026 001"), but a reference never matches
/// inside a longer word ("INV1" is not in "INV12").
/// </summary>
public static class RemittanceWords
{
    /// <summary>A reference written over at most this many words is found in remittance text (longer ones only as the whole text).</summary>
    public const int MaxReferenceWords = 4;

    public static List<string> Split(string? text)
    {
        var words = new List<string>();
        if (string.IsNullOrEmpty(text))
        {
            return words;
        }
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                words.Add(text[start..i].ToUpperInvariant());
                start = -1;
            }
        }
        return words;
    }

    /// <summary>The comparison key of a reference or account: its words joined; null when it has none.</summary>
    public static string? Key(string? text)
    {
        var words = Split(text);
        return words.Count == 0 ? null : string.Concat(words);
    }

    /// <summary>Every run of 1…<paramref name="maxWords"/> consecutive words of the text, joined (the keys a reference written in it can have).</summary>
    public static IEnumerable<string> Runs(List<string> words, int maxWords)
    {
        for (var i = 0; i < words.Count; i++)
        {
            var joined = "";
            for (var k = i; k < words.Count && k - i < maxWords; k++)
            {
                joined += words[k];
                yield return joined;
            }
        }
    }
}
