using BankFunctions.Features.Auth;

namespace BankFunctions.Features.Payments;

/// <summary>
/// API.md: submitters cancel their own payments and batches. The creating key is recorded on the row (CreatedBy); a
/// key holding the admin role (besides submitter, which the route needs) may cancel any of the tenant's.
/// </summary>
public static class CancelOwnership
{
    /// <summary>Null when <paramref name="caller"/> may cancel what <paramref name="createdBy"/> created, else the 403 refusal.</summary>
    public static Refusal? Check(string createdBy, Caller caller, string what) =>
        createdBy == caller.Actor || caller.Roles.HasFlag(Role.Admin)
            ? null
            : new Refusal(RefusalKind.NotAllowed,
                $"This {what} was created by another key; only that key, or a key with the 'admin' role, may cancel it.", "Only the creator may cancel this.");
}
