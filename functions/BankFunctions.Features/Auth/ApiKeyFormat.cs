using System.Security.Cryptography;
using System.Text;
using BankFunctions.Domain.Ids;

namespace BankFunctions.Features.Auth;

/// <summary>
/// API keys look like <c>bk_&lt;keyId&gt;_&lt;secret&gt;</c> (API.md). The secret is 32 random bytes in base64url,
/// so a single SHA-256 is an adequate at-rest hash (no dictionary to attack, unlike passwords).
/// </summary>
public static class ApiKeyFormat
{
    private const string Prefix = "bk_";

    public static (string KeyId, string Key, string SecretHash) Create()
    {
        var keyId = TimeOrderedId.New("k", DateTimeOffset.UtcNow);
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        return (keyId, $"{Prefix}{keyId}_{secret}", Hash(secret));
    }

    /// <summary>Splits a presented key into id and secret; false when it is not of our shape.</summary>
    public static bool TryParse(string presented, out string keyId, out string secret)
    {
        keyId = secret = "";
        if (!presented.StartsWith(Prefix, StringComparison.Ordinal) || presented.Length > 200)
        {
            return false;
        }
        var rest = presented.AsSpan(Prefix.Length);
        // The key id never contains '_'; the base64url secret may.
        var underscore = rest.IndexOf('_');
        if (underscore <= 0 || underscore == rest.Length - 1)
        {
            return false;
        }
        keyId = rest[..underscore].ToString();
        secret = rest[(underscore + 1)..].ToString();
        return keyId.All(char.IsAsciiLetterOrDigit) && secret.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
    }

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>Compares two hashes in constant time.</summary>
    public static bool HashMatches(string secret, string expectedHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(secret)), Encoding.ASCII.GetBytes(expectedHash));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
