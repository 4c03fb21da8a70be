using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace DevIdentity;

/// <summary>Proof Key for Code Exchange (RFC 7636), S256 only.</summary>
public static class Pkce
{
    public static bool IsBase64UrlChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_';

    /// <summary>
    /// RFC 7636 §4.1: a verifier is 43–128 unreserved characters; §4.6: the server recomputes
    /// BASE64URL(SHA256(ASCII(code_verifier))) and compares it with the stored challenge.
    /// </summary>
    public static bool Verifies(string? verifier, string challenge)
    {
        if (verifier is null || verifier.Length is < 43 or > 128 || !verifier.All(c => IsBase64UrlChar(c) || c is '.' or '~'))
        {
            return false;
        }
        var computed = Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(computed), Encoding.ASCII.GetBytes(challenge));
    }
}
