using BankFunctions.Features.Http;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Payments;

/// <summary>
/// Body of POST …/attention/resolve: <c>{"outcome": "completed"|"failed", "reason": "…" (≤ 140), "evidence": "…" (≤ 1000)}</c>
/// — evidence is what shows the outcome (a statement line, the bank's confirmation, a call's reference).
/// </summary>
public sealed record ResolveInput(ResolutionOutcome? Outcome, string? Reason, string? Evidence)
{
    public const int MaxEvidenceLength = 1000;

    public static async Task<(ResolutionOutcome Outcome, string Reason, string Evidence)> ReadAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var input = JsonBody.Parse<ResolveInput>(await JsonBody.ReadBytesAsync(context, cancellationToken));
        var v = new Validation();
        if (input.Outcome is null)
        {
            v.Add("outcome", "is required: completed or failed.");
        }
        var reason = v.Text("reason", input.Reason, ReasonInput.MaxLength);
        var evidence = v.Text("evidence", input.Evidence, MaxEvidenceLength);
        v.ThrowIfInvalid();
        return (input.Outcome!.Value, reason!, evidence!);
    }
}
