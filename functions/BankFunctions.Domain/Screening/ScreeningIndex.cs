namespace BankFunctions.Domain.Screening;

/// <summary>
/// Loaded list entries indexed for screening one name quickly: every distinct token of every name, bucketed by its first
/// character, points at the names that have it (and so does each name's joined spelling). A screened name's tokens are
/// compared only with the tokens of their bucket whose length can still reach <see cref="NameScore.TokenFloor"/>; the
/// names behind tokens that pass are scored in full (<see cref="NameScore"/>). The cost: a name is found through a token
/// with the same first character — a name whose every token is misspelled in its first letter is not found.
/// Immutable once built; safe to share between threads.
/// </summary>
public sealed class ScreeningIndex
{
    private readonly List<(ScreeningEntry Entry, string Name, string[] Tokens)> _names = [];
    private readonly Dictionary<char, List<(string Token, List<int> Names)>> _buckets = [];

    public ScreeningIndex(IEnumerable<ScreeningEntry> entries)
    {
        var byToken = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            Entries++;
            foreach (var name in entry.Names.Distinct(StringComparer.Ordinal))
            {
                var tokens = ScreeningNames.Tokens(name).ToArray();
                if (tokens.Length == 0)
                {
                    continue;
                }
                var at = _names.Count;
                _names.Add((entry, name, tokens));
                foreach (var key in tokens.Append(string.Concat(tokens)).Distinct(StringComparer.Ordinal))
                {
                    if (!byToken.TryGetValue(key, out var list))
                    {
                        byToken[key] = list = [];
                    }
                    list.Add(at);
                }
            }
        }
        foreach (var (token, names) in byToken)
        {
            if (!_buckets.TryGetValue(token[0], out var bucket))
            {
                _buckets[token[0]] = bucket = [];
            }
            bucket.Add((token, names));
        }
    }

    public int Entries { get; }

    /// <summary>Distinct names indexed (primary names and aliases).</summary>
    public int Names => _names.Count;

    /// <summary>
    /// Each entry one of whose names scores at least <paramref name="threshold"/> against <paramref name="name"/> (its best
    /// name), best first; ties by source and id, so the same list gives the same answer.
    /// </summary>
    public IReadOnlyList<ScreeningHit> Screen(string name, decimal threshold)
    {
        var tokens = ScreeningNames.Tokens(name).ToArray();
        if (tokens.Length == 0)
        {
            return [];
        }
        // A score is a weighted mean of token-pair similarities (or the joined similarity), so a name reaches the threshold
        // only if one of its pairs (or its joined spelling) does: only tokens that alike make a name a candidate.
        var floor = Math.Max(NameScore.TokenFloor, (double)threshold);
        var candidates = new HashSet<int>();
        foreach (var token in tokens.Append(string.Concat(tokens)).Distinct(StringComparer.Ordinal))
        {
            if (!_buckets.TryGetValue(token[0], out var bucket))
            {
                continue;
            }
            foreach (var (indexed, names) in bucket)
            {
                if (JaroWinkler.UpperBound(token.Length, indexed.Length) >= floor
                    && JaroWinkler.Similarity(token, indexed) >= floor)
                {
                    candidates.UnionWith(names);
                }
            }
        }
        var best = new Dictionary<ScreeningEntry, ScreeningHit>(ReferenceEqualityComparer.Instance);
        foreach (var at in candidates)
        {
            var (entry, indexedName, indexedTokens) = _names[at];
            var score = NameScore.ToDecimal(NameScore.Similarity(tokens, indexedTokens));
            if (score >= threshold && (!best.TryGetValue(entry, out var seen) || score > seen.Score))
            {
                best[entry] = new ScreeningHit(entry, indexedName, score);
            }
        }
        return best.Values
            .OrderByDescending(h => h.Score)
            .ThenBy(h => h.Entry.Source, StringComparer.Ordinal)
            .ThenBy(h => h.Entry.Id, StringComparer.Ordinal)
            .ToList();
    }
}
