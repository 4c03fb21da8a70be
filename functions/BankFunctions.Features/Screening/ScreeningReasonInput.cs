using BankFunctions.Features.Http;
using BankFunctions.Features.Payments;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Screening;

/// <summary>Body of …/screening/clear and …/screening/reject: <c>{"reason": "…"}</c>, required (≤ 140 characters).</summary>
public sealed record ScreeningReasonInput(string? Reason)
{
    public static async Task<string> ReadAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var input = await JsonBody.ReadAsync<ScreeningReasonInput>(context, cancellationToken);
        var v = new Validation();
        var reason = v.Text("reason", input.Reason, ReasonInput.MaxLength, required: true);
        v.ThrowIfInvalid();
        return reason!;
    }
}
