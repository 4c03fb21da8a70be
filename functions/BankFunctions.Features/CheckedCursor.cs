using System.Security.Cryptography;
using System.Text;
using BankFunctions.Features.Http;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features;

/// <summary>
/// Opaque cursors that are checked before use: base64url of the position, a dot, and 12 bytes of SHA-256 over the
/// position and a scope (the tenant, the list and its filters). A cursor that was cut, edited, or belongs to another
/// query is a 400 rather than silently page one (or some other page). It is an integrity check, not a secret: the
/// position only ever addresses rows of the caller's own partition.
/// </summary>
public static class CheckedCursor
{
    private const int CheckBytes = 12;

    public static string Encode(string scope, string position) =>
        Base64Url(Encoding.UTF8.GetBytes(position)) + "." + Base64Url(Check(scope, position));

    /// <summary>The position in the request's <c>cursor</c>, or null when there is none; a bad cursor throws a 400 problem.</summary>
    public static string? Decode(HttpContext context, string scope) => Decode(context.Request.Query["cursor"].ToString(), scope);

    public static string? Decode(string cursor, string scope)
    {
        if (cursor.Length == 0)
        {
            return null;
        }
        var dot = cursor.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0 && cursor.Length <= 2048 && TryBase64Url(cursor[..dot], out var positionBytes) && TryBase64Url(cursor[(dot + 1)..], out var check))
        {
            try
            {
                var position = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(positionBytes);
                if (CryptographicOperations.FixedTimeEquals(check, Check(scope, position)))
                {
                    return position;
                }
            }
            catch (DecoderFallbackException)
            {
            }
        }
        throw new ProblemException(Problem.Validation("cursor", "is not a cursor this API returned for this list and these filters."));
    }

    private static byte[] Check(string scope, string position) =>
        SHA256.HashData(Encoding.UTF8.GetBytes("bankfunctions-cursor-v1\n" + scope + "\n" + position))[..CheckBytes];

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool TryBase64Url(string text, out byte[] bytes)
    {
        bytes = [];
        if (text.Length == 0 || !text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return false;
        }
        var b64 = text.Replace('-', '+').Replace('_', '/');
        b64 += new string('=', (4 - (b64.Length % 4)) % 4);
        try
        {
            bytes = Convert.FromBase64String(b64);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
