using BankFunctions.Features.Auth;
using BankFunctions.Features.Http;
using BankFunctions.Features.Runtime;
using BankFunctions.Storage.Rows;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Users;

/// <summary>
/// PATCH /v1/users/{id} (admin): roles, account scope, approval groups, display name, disabled. Effective at the
/// person's next request (every session request reads the user row). An admin cannot disable themselves or take their
/// own admin role away — the tenant would risk having nobody left to undo it.
/// </summary>
public sealed class UpdateUser(UserStore users) : IHttpHandler
{
    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var caller = context.Caller();
        var tenantId = caller.RequireTenant();
        var id = RouteValues.Id(context, "id", "User");
        var request = await JsonBody.ReadAsync<UpdateUserRequest>(context, cancellationToken);
        var v = new Validation();
        var name = request.DisplayName is null ? null : v.Text("displayName", request.DisplayName, UserInput.DisplayNameMax);
        var roles = request.Roles is null ? Role.None : UserInput.RolesOf(v, request.Roles, required: true);
        var accounts = UserInput.Accounts(v, request.AccountIds);
        if (request.AllAccounts == true && request.AccountIds is not null)
        {
            v.Add("allAccounts", "give either accountIds or allAccounts: true, not both.");
        }
        var groups = request.ApprovalGroups is null ? null : Approvals.ApprovalGroups.Check(request.ApprovalGroups, "approvalGroups", v);
        if (caller.Person?.UserId == id && (request.Disabled == true || (request.Roles is not null && !roles.HasFlag(Role.Admin))))
        {
            v.Add(request.Disabled == true ? "disabled" : "roles", "you cannot disable yourself or remove your own admin role; another admin can.");
        }
        v.ThrowIfInvalid();
        await users.RequireAccountsAsync(tenantId, accounts, cancellationToken);

        var updated = await users.ChangeAsync(tenantId, id, caller, "user.updated", row => Apply(row, request, name, roles, accounts, groups), cancellationToken);
        return updated is null ? Problem.NotFound($"User '{id}'") : Results.Json(UserView.From(updated), ApiJson.Options);
    }

    private static bool Apply(UserRow row, UpdateUserRequest request, string? name, Role roles, IReadOnlyList<string>? accounts, IReadOnlyList<string>? groups)
    {
        var before = (row.DisplayName, row.Roles, row.AccountIds, row.ApprovalGroups, row.State);
        if (name is not null)
        {
            row.DisplayName = name;
        }
        if (request.Roles is not null)
        {
            row.Roles = Auth.Roles.Format(roles);
        }
        if (accounts is not null)
        {
            row.AccountIds = UserAccounts.Format(accounts);
        }
        if (request.AllAccounts == true)
        {
            row.AccountIds = null;
        }
        if (groups is not null)
        {
            row.ApprovalGroups = Approvals.ApprovalGroups.Format(groups);
        }
        if (request.Disabled is { } disabled)
        {
            var state = UserStates.Parse(row.State);
            row.State = disabled ? UserState.Disabled.ToWire()
                : state == UserState.Disabled ? (row.Subject is null ? UserState.Invited : UserState.Active).ToWire()
                : row.State;
        }
        return before != (row.DisplayName, row.Roles, row.AccountIds, row.ApprovalGroups, row.State);
    }
}
