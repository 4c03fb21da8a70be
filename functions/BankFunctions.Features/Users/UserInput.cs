using BankFunctions.Features.Auth;

namespace BankFunctions.Features.Users;

/// <summary>POST /v1/users: invite a person. <c>accountIds</c> absent or null: every account.</summary>
public sealed record InviteUserRequest(string? Email, string? DisplayName, IReadOnlyList<string>? Roles, IReadOnlyList<string?>? AccountIds = null,
    IReadOnlyList<string?>? ApprovalGroups = null);

/// <summary>
/// PATCH /v1/users/{id}: what is given changes. <c>accountIds</c> replaces the scope; <c>allAccounts: true</c> lifts it;
/// <c>disabled</c> true refuses the person from the next request on, false lets them in again.
/// </summary>
public sealed record UpdateUserRequest(string? DisplayName = null, IReadOnlyList<string>? Roles = null, IReadOnlyList<string?>? AccountIds = null,
    bool? AllAccounts = null, IReadOnlyList<string?>? ApprovalGroups = null, bool? Disabled = null);

/// <summary>Checked input of an invitation.</summary>
public sealed record CheckedInvite(string Email, string DisplayName, Role Roles, IReadOnlyList<string>? AccountIds, IReadOnlyList<string> ApprovalGroups);

/// <summary>Field checks shared by invite and update (pure; the accounts' existence is checked by the store).</summary>
public static class UserInput
{
    public const int EmailMax = 254;
    public const int DisplayNameMax = 100;
    public const int MaxAccounts = 100;

    public static CheckedInvite Check(InviteUserRequest request)
    {
        var v = new Validation();
        var email = Email(v, request.Email);
        var name = v.Text("displayName", request.DisplayName, DisplayNameMax);
        var roles = RolesOf(v, request.Roles, required: true);
        var accounts = Accounts(v, request.AccountIds);
        var groups = Approvals.ApprovalGroups.Check(request.ApprovalGroups, "approvalGroups", v);
        v.ThrowIfInvalid();
        return new CheckedInvite(email!, name!, roles, accounts, groups);
    }

    /// <summary>The lower-case, trimmed email under which a person is found at sign-in; null (with a message) when it is not one.</summary>
    public static string? Email(Validation v, string? value)
    {
        var email = v.Text("email", value, EmailMax);
        if (email is null)
        {
            return null;
        }
        var at = email.IndexOf('@');
        if (at <= 0 || at != email.LastIndexOf('@') || at == email.Length - 1 || email.Any(char.IsWhiteSpace) || !email[(at + 1)..].Contains('.'))
        {
            v.Add("email", "must be an email address such as name@example.com.");
            return null;
        }
        return Normalise(email);
    }

    public static string Normalise(string email) => email.Trim().ToLowerInvariant();

    public static Role RolesOf(Validation v, IReadOnlyList<string>? names, bool required)
    {
        if (names is null || names.Count == 0)
        {
            if (required || names is not null)
            {
                v.Add("roles", "at least one role is required (viewer, submitter, approver, admin).");
            }
            return Role.None;
        }
        var roles = Role.None;
        for (var i = 0; i < names.Count; i++)
        {
            if (Auth.Roles.TryParse(names[i], out var role))
            {
                roles |= role;
            }
            else
            {
                v.Add($"roles[{i}]", "must be one of viewer, submitter, approver, admin.");
            }
        }
        return roles;
    }

    /// <summary>The de-duplicated account ids (null: every account); an empty list is refused — a person who may see no account has nothing to do.</summary>
    public static IReadOnlyList<string>? Accounts(Validation v, IReadOnlyList<string?>? ids)
    {
        if (ids is null)
        {
            return null;
        }
        if (ids.Count == 0)
        {
            v.Add("accountIds", "must name at least one account; leave it out for every account.");
            return null;
        }
        if (ids.Count > MaxAccounts)
        {
            v.Add("accountIds", $"at most {MaxAccounts} accounts.");
        }
        for (var i = 0; i < ids.Count; i++)
        {
            if (Domain.Ids.AccountId.TryParse(ids[i]) is null)
            {
                v.Add($"accountIds[{i}]", "must be an account id (acc_…).");
            }
        }
        return ids.Where(id => id is not null).Select(id => id!).Distinct(StringComparer.Ordinal).ToList();
    }
}
