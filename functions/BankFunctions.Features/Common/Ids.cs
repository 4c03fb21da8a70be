using System.Security.Cryptography;

namespace BankFunctions.Features;

/// <summary>
/// Time-ordered ids: 10 Crockford base32 characters of milliseconds since the epoch followed by 16 random
/// characters (80 bits), lower-case, behind a kind prefix. Sorting rows by id sorts them by creation.
/// </summary>
public static class Ids
{
    private const string Alphabet = "0123456789abcdefghjkmnpqrstvwxyz";

    /// <summary>The 10-character time part of ids created at <paramref name="at"/> (for RowKey ranges).</summary>
    public static string TimePrefix(DateTimeOffset at) => New("", at)[..10];

    public static string New(string prefix, DateTimeOffset? now = null)
    {
        Span<char> chars = stackalloc char[26];
        var ms = (ulong)(now ?? DateTimeOffset.UtcNow).ToUnixTimeMilliseconds();
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
}
