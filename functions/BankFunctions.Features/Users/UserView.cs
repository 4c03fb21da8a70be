using BankFunctions.Features.Auth;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Users;

/// <summary>A tenant's person as the API shows them (GET/POST/PATCH /v1/users).</summary>
/// <param name="AccountIds">The accounts the person may see, pay from and approve for; null: every account of the tenant.</param>
/// <param name="State">invited, active or disabled.</param>
public sealed record UserView(
    string Id, string Email, string DisplayName, IReadOnlyList<string> Roles, IReadOnlyList<string>? AccountIds,
    IReadOnlyList<string> ApprovalGroups, string State, DateTimeOffset CreatedAt, DateTimeOffset? LastSignInAt)
{
    public static UserView From(UserRow row) => new(
        row.UserId, row.Email, row.DisplayName, Auth.Roles.ToNames(Auth.Roles.Parse(row.Roles)), UserAccounts.Parse(row.AccountIds),
        Approvals.ApprovalGroups.Parse(row.ApprovalGroups), row.State, row.CreatedAt, row.LastSignInAt);
}

/// <summary>The account scope as stored: comma-separated ids, null for every account.</summary>
public static class UserAccounts
{
    public static IReadOnlyList<string>? Parse(string? stored) => stored is null ? null : stored.Split(',', StringSplitOptions.RemoveEmptyEntries);

    public static string? Format(IReadOnlyList<string>? accountIds) => accountIds is null ? null : string.Join(',', accountIds);
}
