using System.Security.Cryptography;

namespace BankFunctions.Domain.Ids;

/// <summary>
/// Time-ordered ids: 10 Crockford base32 characters of milliseconds since the epoch followed by 16 random
/// characters (80 bits), lower-case, behind a kind prefix. Sorting rows by id sorts them by creation.
/// </summary>
public static class TimeOrderedId
{
    public const string Alphabet = "0123456789abcdefghjkmnpqrstvwxyz";

    /// <summary>Characters after the prefix.</summary>
    public const int Length = 26;

    /// <summary>The 10-character time part of ids created at <paramref name="at"/> (for RowKey ranges).</summary>
    public static string TimePrefix(DateTimeOffset at) => New("", at)[..10];

    public static string New(string prefix, DateTimeOffset now)
    {
        Span<char> chars = stackalloc char[Length];
        var ms = (ulong)now.ToUnixTimeMilliseconds();
        for (var i = 9; i >= 0; i--)
        {
            chars[i] = Alphabet[(int)(ms & 31)];
            ms >>= 5;
        }
        Span<byte> random = stackalloc byte[16];
        RandomNumberGenerator.Fill(random);
        for (var i = 0; i < 16; i++)
        {
            chars[10 + i] = Alphabet[random[i] & 31];
        }
        return prefix.Length == 0 ? new string(chars) : prefix + new string(chars);
    }

    /// <summary>What follows the kind prefix (everything after the first '_'): the part derived references are cut from.</summary>
    public static string Body(string value) => value[(value.IndexOf('_', StringComparison.Ordinal) + 1)..];

    /// <summary>True when <paramref name="value"/> is <paramref name="prefix"/> followed by a non-empty id body of the alphabet (and '-' for derived ids).</summary>
    public static bool HasShape(string? value, string prefix)
    {
        if (value is null || value.Length <= prefix.Length || value.Length > 64 || !value.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }
        foreach (var c in value.AsSpan(prefix.Length))
        {
            if (!(Alphabet.Contains(c, StringComparison.Ordinal) || c == '-'))
            {
                return false;
            }
        }
        return true;
    }
}
