using BankFunctions.Features.Auth;
using BankFunctions.Features.Http;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Payments;

/// <summary>
/// API.md: submitters cancel their own payments and batches. The creating key is recorded on the row (CreatedBy); a
/// key holding the admin role (besides submitter, which the route needs) may cancel any of the tenant's.
/// </summary>
public static class CancelOwnership
{
    /// <summary>Null when <paramref name="caller"/> may cancel what <paramref name="createdBy"/> created, else the 403 to answer.</summary>
    public static IResult? Check(string createdBy, Caller caller, string what) =>
        createdBy == caller.Actor || caller.Roles.HasFlag(Role.Admin)
            ? null
            : Problem.Create(403, ProblemTypes.Forbidden, "Only the creator may cancel this.",
                $"This {what} was created by another key; only that key, or a key with the 'admin' role, may cancel it.");
}
