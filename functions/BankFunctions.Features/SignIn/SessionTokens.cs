using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace BankFunctions.Features.SignIn;

/// <summary>Random tokens (256 bits, base64url) and the hash under which a token is stored (never the token itself).</summary>
public static class SessionTokens
{
    public static string New() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>The PKCE S256 challenge of a verifier (RFC 7636 §4.2).</summary>
    public static string Challenge(string verifier) => Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    public static bool SameToken(string? presented, string expected) =>
        presented is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(expected));
}
