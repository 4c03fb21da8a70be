using BankFunctions.Features.Http;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Payments;

/// <summary>Optional body of approve / reject / cancel: <c>{"reason": "…"}</c> (≤ 140 characters).</summary>
public sealed record ReasonInput(string? Reason)
{
    public const int MaxLength = 140;

    public static async Task<string?> ReadAsync(HttpContext context, CancellationToken cancellationToken)
    {
        if (context.Request.ContentLength is 0 or null && string.IsNullOrEmpty(context.Request.ContentType))
        {
            return null;
        }
        var bytes = await JsonBody.ReadBytesAsync(context, cancellationToken);
        if (bytes.Length == 0)
        {
            return null;
        }
        var input = JsonBody.Parse<ReasonInput>(bytes);
        var v = new Validation();
        var reason = v.Text("reason", input.Reason, MaxLength, required: false);
        v.ThrowIfInvalid();
        return reason;
    }
}
