using System.Text;
using BankFunctions.Features.Http;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features;

/// <summary>Opaque pagination cursors (the storage continuation token, base64url) and the limit parameter.</summary>
public static class Cursor
{
    public static string? Encode(string? continuation) =>
        continuation is null ? null : Convert.ToBase64String(Encoding.UTF8.GetBytes(continuation)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string? Decode(HttpContext context)
    {
        var cursor = context.Request.Query["cursor"].ToString();
        if (cursor.Length == 0)
        {
            return null;
        }
        try
        {
            var b64 = cursor.Replace('-', '+').Replace('_', '/');
            b64 += new string('=', (4 - (b64.Length % 4)) % 4);
            return Encoding.UTF8.GetString(Convert.FromBase64String(b64));
        }
        catch (FormatException)
        {
            throw new ProblemException(Problem.Validation("cursor", "is not a cursor this API returned."));
        }
    }

    /// <summary>The largest page most lists give; batch items and the audit trail allow <see cref="LargeMaxLimit"/>.</summary>
    public const int MaxLimit = 500, LargeMaxLimit = 1000;

    public static int Limit(HttpContext context, int fallback = 50, int max = MaxLimit)
    {
        var text = context.Request.Query["limit"].ToString();
        if (text.Length == 0)
        {
            return fallback;
        }
        return int.TryParse(text, out var limit) && limit is >= 1 && limit <= max
            ? limit
            : throw new ProblemException(Problem.Validation("limit", $"must be a whole number from 1 to {max}."));
    }
}
