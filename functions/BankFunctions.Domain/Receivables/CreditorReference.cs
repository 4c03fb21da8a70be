namespace BankFunctions.Domain.Receivables;

/// <summary>
/// ISO 11649 structured creditor reference: "RF", two check digits, then 1–21 letters or digits. Check digits as for
/// IBAN (ISO 7064 MOD 97-10): move "RF" + check digits to the end, letters to numbers (A = 10 … Z = 35), the number
/// mod 97 must be 1. Printed in groups of four ("RF18 5390 0754 7034"); kept in its electronic form (no spaces, upper-case).
/// </summary>
public static class CreditorReference
{
    public const int MaxLength = 25;

    /// <summary>True when <paramref name="text"/> has the shape "RF" + two digits + 1–21 alphanumerics (spaces ignored), whatever its check digits.</summary>
    public static bool LooksLikeOne(string? text) => Compact(text) is { } c && HasShape(c);

    /// <summary>The electronic form of a valid reference, or null (wrong shape or check digits).</summary>
    public static string? TryNormalize(string? text) => Compact(text) is { } c && HasShape(c) && Mod97(c) == 1 ? c : null;

    /// <summary>The reference for <paramref name="body"/> (1–21 letters or digits): its check digits computed (98 − the remainder of body + "RF00").</summary>
    public static string Create(string body)
    {
        var upper = body.ToUpperInvariant();
        if (upper.Length is < 1 or > MaxLength - 4 || upper.AsSpan().IndexOfAnyExcept(Alphanumerics) >= 0)
        {
            throw new ArgumentException("A creditor reference body is 1–21 letters or digits.", nameof(body));
        }
        var check = 98 - Mod97("RF00" + upper);
        return "RF" + check.ToString("D2", System.Globalization.CultureInfo.InvariantCulture) + upper;
    }

    /// <summary>
    /// Every valid RF reference written in <paramref name="text"/>, in order: a word starting "RF" + two digits, joined
    /// with the words after it while that stays at most 25 characters (the paper form's groups of four); the longest
    /// valid join is taken.
    /// </summary>
    public static IReadOnlyList<string> FindIn(string? text)
    {
        var found = new List<string>();
        if (string.IsNullOrEmpty(text) || text.IndexOf("RF", StringComparison.OrdinalIgnoreCase) < 0)
        {
            return found;
        }
        var words = Words(text);
        for (var i = 0; i < words.Count; i++)
        {
            if (words[i].Length < 4 || !words[i].StartsWith("RF", StringComparison.Ordinal) || !char.IsAsciiDigit(words[i][2]) || !char.IsAsciiDigit(words[i][3]))
            {
                continue;
            }
            string? best = null;
            var joined = "";
            var used = 0;
            for (var j = i; j < words.Count && joined.Length + words[j].Length <= MaxLength; j++)
            {
                joined += words[j];
                if (TryNormalize(joined) is { } valid)
                {
                    (best, used) = (valid, j - i);
                }
            }
            if (best is not null)
            {
                found.Add(best);
                i += used;
            }
        }
        return found;
    }

    /// <summary>Runs of ASCII letters and digits, upper-case.</summary>
    private static List<string> Words(string text)
    {
        var words = new List<string>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && char.IsAsciiLetterOrDigit(text[i]);
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

    private static string? Compact(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var compact = text.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        return compact.Length is >= 5 and <= MaxLength ? compact : null;
    }

    private static bool HasShape(string c) =>
        c.StartsWith("RF", StringComparison.Ordinal) && char.IsAsciiDigit(c[2]) && char.IsAsciiDigit(c[3]) && c.AsSpan(4).IndexOfAnyExcept(Alphanumerics) < 0;

    private static readonly System.Buffers.SearchValues<char> Alphanumerics = System.Buffers.SearchValues.Create("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ");

    private static int Mod97(string c)
    {
        var rotated = c[4..] + c[..4];
        var remainder = 0;
        foreach (var ch in rotated)
        {
            var value = char.IsAsciiDigit(ch) ? ch - '0' : ch - 'A' + 10;
            remainder = value < 10 ? ((remainder * 10) + value) % 97 : ((remainder * 100) + value) % 97;
        }
        return remainder;
    }
}
