namespace BankFunctions.Domain.Screening;

/// <summary>
/// How alike two names are, 0.0000–1.0000 (decimal, four places). Both are reduced to tokens
/// (<see cref="ScreeningNames"/>); tokens are paired greedily by Jaro–Winkler similarity, best pairs first, each token at
/// most once, whatever the order (<c>SMITH, John</c> is <c>John Smith</c>); a pair below <see cref="TokenFloor"/> counts as
/// nothing. The token score is the pairs' similarity weighted by the characters they cover, over all characters of
/// both names, so a missing or extra token lowers it by its length. Names written with or without spaces
/// (<c>Al Qaida</c>, <c>Alqaida</c>) are also compared joined; the higher score counts.
/// </summary>
public static class NameScore
{
    /// <summary>Token pairs less alike than this (Jaro–Winkler) are not a match at all.</summary>
    internal const double TokenFloor = 0.80;

    /// <summary>What a listed token without a partner in the screened name weighs, per character (a screened one weighs 1).</summary>
    internal const double UnmatchedListedWeight = 0.5;

    /// <summary>Joined spellings are compared only when the shorter is at least this share of the longer (else a shared prefix alone scores high).</summary>
    private const double JoinedLengthRatio = 0.85;

    public static decimal Score(string? a, string? b) => Score(ScreeningNames.Tokens(a), ScreeningNames.Tokens(b));

    public static decimal Score(IReadOnlyList<string> a, IReadOnlyList<string> b) => ToDecimal(Similarity(a, b));

    internal static decimal ToDecimal(double score) => Math.Round((decimal)Math.Clamp(score, 0, 1), 4, MidpointRounding.ToZero);

    internal static double Similarity(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return 0;
        }
        var tokens = TokenSimilarity(a, b);
        if (tokens >= 1 || (a.Count == 1 && b.Count == 1))
        {
            return tokens;
        }
        var (joinedA, joinedB) = (string.Concat(a), string.Concat(b));
        if ((double)Math.Min(joinedA.Length, joinedB.Length) / Math.Max(joinedA.Length, joinedB.Length) < JoinedLengthRatio)
        {
            return tokens;
        }
        var joined = JaroWinkler.Similarity(joinedA, joinedB);
        return Math.Max(tokens, joined >= TokenFloor ? joined : 0);
    }

    private static double TokenSimilarity(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        var pairs = new List<(double Score, int I, int J)>(a.Count * b.Count);
        for (var i = 0; i < a.Count; i++)
        {
            for (var j = 0; j < b.Count; j++)
            {
                if (JaroWinkler.UpperBound(a[i].Length, b[j].Length) < TokenFloor)
                {
                    continue;
                }
                var s = JaroWinkler.Similarity(a[i], b[j]);
                if (s >= TokenFloor)
                {
                    pairs.Add((s, i, j));
                }
            }
        }
        pairs.Sort((x, y) => y.Score.CompareTo(x.Score));
        Span<bool> usedA = a.Count <= 64 ? stackalloc bool[a.Count] : new bool[a.Count];
        Span<bool> usedB = b.Count <= 64 ? stackalloc bool[b.Count] : new bool[b.Count];
        double covered = 0;
        foreach (var (score, i, j) in pairs)
        {
            if (usedA[i] || usedB[j])
            {
                continue;
            }
            usedA[i] = usedB[j] = true;
            covered += score * (a[i].Length + b[j].Length);
        }
        double total = a.Sum(t => t.Length);
        for (var j = 0; j < b.Count; j++)
        {
            total += usedB[j] ? b[j].Length : UnmatchedListedWeight * b[j].Length;
        }
        return Math.Min(1, covered / total);
    }
}
