using BankFunctions.Features.Http;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Payments;

/// <summary>The HTTP edge of the payment and batch actions: a refusal as problem details, an outcome as the answer.</summary>
public static class Refusals
{
    public static IResult ToProblem(this Refusal refusal) => refusal.Kind switch
    {
        RefusalKind.InvalidState => Problem.InvalidState(refusal.Detail),
        RefusalKind.Conflict => Problem.Conflict(refusal.Detail),
        RefusalKind.NotAllowed => Problem.NotAllowed(refusal.Title ?? "Not allowed.", refusal.Detail),
        _ => throw new ArgumentOutOfRangeException(nameof(refusal), refusal.Kind, "Unknown refusal."),
    };

    /// <summary>404 naming <paramref name="what"/>, the refusal, or the committed row's view as JSON.</summary>
    public static IResult ToResult<TRow, TView>(this ActionOutcome<TRow> outcome, string what, Func<TRow, TView> view) where TRow : class =>
        outcome.Row is not { } row ? Problem.NotFound(what)
        : outcome.Refusal is { } refusal ? refusal.ToProblem()
        : Results.Json(view(row), ApiJson.Options);
}
