namespace BankFunctions.Domain.Screening;

/// <summary>
/// Jaro–Winkler similarity of two strings (W. E. Winkler, "String Comparator Metrics and Enhanced Decision Rules in the
/// Fellegi–Sunter Model of Record Linkage", 1990): 1 for equal strings, 0 for nothing in common, with a bonus for a
/// common prefix of up to 4 characters (scale 0.1). Internal: the domain's public surface is decimal-only
/// (<see cref="NameScore"/> rounds what leaves it).
/// </summary>
internal static class JaroWinkler
{
    private const double PrefixScale = 0.1;
    private const int MaxPrefix = 4;

    internal static double Similarity(string a, string b)
    {
        if (a.Length == 0 || b.Length == 0)
        {
            return a.Length == b.Length ? 1 : 0;
        }
        if (string.Equals(a, b, StringComparison.Ordinal))
        {
            return 1;
        }
        var jaro = Jaro(a, b);
        var prefix = 0;
        while (prefix < MaxPrefix && prefix < a.Length && prefix < b.Length && a[prefix] == b[prefix])
        {
            prefix++;
        }
        return jaro + (prefix * PrefixScale * (1 - jaro));
    }

    /// <summary>The highest similarity two strings of these lengths can reach (all of the shorter one matching, full prefix).</summary>
    internal static double UpperBound(int lengthA, int lengthB)
    {
        if (lengthA == 0 || lengthB == 0)
        {
            return lengthA == lengthB ? 1 : 0;
        }
        var ratio = (double)Math.Min(lengthA, lengthB) / Math.Max(lengthA, lengthB);
        var jaro = (2 + ratio) / 3;
        return jaro + (MaxPrefix * PrefixScale * (1 - jaro));
    }

    private static double Jaro(string a, string b)
    {
        var window = Math.Max(0, (Math.Max(a.Length, b.Length) / 2) - 1);
        Span<bool> usedB = b.Length <= 256 ? stackalloc bool[b.Length] : new bool[b.Length];
        Span<bool> usedA = a.Length <= 256 ? stackalloc bool[a.Length] : new bool[a.Length];
        var matches = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var from = Math.Max(0, i - window);
            var to = Math.Min(b.Length - 1, i + window);
            for (var j = from; j <= to; j++)
            {
                if (!usedB[j] && a[i] == b[j])
                {
                    usedA[i] = true;
                    usedB[j] = true;
                    matches++;
                    break;
                }
            }
        }
        if (matches == 0)
        {
            return 0;
        }
        var transpositions = 0;
        var k = 0;
        for (var i = 0; i < a.Length; i++)
        {
            if (!usedA[i])
            {
                continue;
            }
            while (!usedB[k])
            {
                k++;
            }
            if (a[i] != b[k])
            {
                transpositions++;
            }
            k++;
        }
        double m = matches;
        return ((m / a.Length) + (m / b.Length) + ((m - (transpositions / 2.0)) / m)) / 3;
    }
}
