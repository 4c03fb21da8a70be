namespace BankFunctions.Formats.Statements.Mt940;

/// <summary>
/// One shared string per short, endlessly repeated value (transaction types like NTRF, funds codes, GVC codes,
/// currencies), instead of a new copy for each of a file's thousands of entries.
/// </summary>
internal static class ShortStrings
{
    private const int MaxLength = 4;
    // A fixed table, last writer wins: concurrent readers may both make a string, and either is correct.
    private static readonly string?[] Slots = new string?[1024];

    public static string Get(ReadOnlySpan<char> value)
    {
        if (value.Length > MaxLength)
        {
            return value.ToString();
        }
        var hash = 0u;
        foreach (var c in value)
        {
            hash = hash * 31 + c;
        }
        ref var slot = ref Slots[hash % (uint)Slots.Length];
        var cached = slot;
        if (cached is not null && value.SequenceEqual(cached))
        {
            return cached;
        }
        var made = value.ToString();
        slot = made;
        return made;
    }
}
