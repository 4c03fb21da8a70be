using Azure;
using Azure.Data.Tables;
using BankFunctions.Domain.Ids;
using BankFunctions.Features.Auth;
using BankFunctions.Features.Http;
using BankFunctions.Storage;
using BankFunctions.Storage.Guard;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Users;

/// <summary>
/// A tenant's people: invitations, changes and the binding of a sign-in to a person. The user row and its audit row
/// change in one transaction under the row's ETag; the email link (Identities table) is claimed before the user row is
/// written, so two invitations of one email cannot both succeed, and a link whose user row was never written (a crash
/// in between) is taken over by the next invitation.
/// </summary>
public sealed class UserStore(StorageClients storage, TimeProvider clock, AuditRows audit)
{
    private TableClient Tenant => storage.Table(TableNames.TenantData);
    private TableClient Identities => storage.Table(TableNames.Identities);

    public async Task<UserView> InviteAsync(string tenantId, Caller caller, CheckedInvite invite, CancellationToken cancellationToken)
    {
        await RequireAccountsAsync(tenantId, invite.AccountIds, cancellationToken);
        var now = clock.GetUtcNow();
        var row = new UserRow
        {
            PartitionKey = TableKeys.TenantPartition(tenantId),
            UserId = UserId.New(now).Value,
            TenantId = tenantId,
            Email = invite.Email,
            DisplayName = invite.DisplayName,
            Roles = Auth.Roles.Format(invite.Roles),
            AccountIds = UserAccounts.Format(invite.AccountIds),
            ApprovalGroups = Approvals.ApprovalGroups.Format(invite.ApprovalGroups),
            State = UserState.Invited.ToWire(),
            CreatedAt = now,
            CreatedBy = caller.Actor,
        };
        row.RowKey = TableKeys.UserRow(row.UserId);
        await ClaimEmailAsync(invite.Email, tenantId, row.UserId, cancellationToken);
        var view = UserView.From(row);
        await Tenant.SubmitCheckedAsync(
            [
                new TableTransactionAction(TableTransactionActionType.Add, row),
                new TableTransactionAction(TableTransactionActionType.Add, audit.Row(tenantId, caller, "user.invited", row.UserId, null, view, now)),
            ],
            cancellationToken);
        return view;
    }

    public async Task<UserRow?> FindAsync(string tenantId, string userId, CancellationToken cancellationToken)
    {
        var found = await Tenant.GetEntityIfExistsAsync<UserRow>(TableKeys.TenantPartition(tenantId), TableKeys.UserRow(userId), cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    public async Task<IReadOnlyList<UserView>> ListAsync(string tenantId, CancellationToken cancellationToken)
    {
        var users = new List<UserView>();
        await foreach (var row in Tenant.QueryAsync<UserRow>(TableKeys.PrefixFilter(TableKeys.TenantPartition(tenantId), TableKeys.UserPrefix), cancellationToken: cancellationToken))
        {
            users.Add(UserView.From(row));
        }
        return users;
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the person's row under its ETag with an audit row (<paramref name="action"/>),
    /// re-reading and re-applying when another change came first. Returns the row as it now stands (unchanged when
    /// <paramref name="change"/> said there was nothing to do); null when there is no such person.
    /// </summary>
    public async Task<UserRow?> ChangeAsync(string tenantId, string userId, Caller caller, string action, Func<UserRow, bool> change, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var row = await FindAsync(tenantId, userId, cancellationToken);
            if (row is null)
            {
                return null;
            }
            var before = UserView.From(row);
            if (!change(row))
            {
                return row;
            }
            var after = UserView.From(row);
            var now = clock.GetUtcNow();
            var auditRow = audit.Row(tenantId, caller, action, userId, before, after, now);
            try
            {
                await Tenant.SubmitCheckedAsync(
                    [
                        // Replace, not merge: a scope lifted to every account is a property removed (merge would keep the old list).
                        new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, row.ETag),
                        new TableTransactionAction(TableTransactionActionType.Add, auditRow),
                    ],
                    cancellationToken);
                return row;
            }
            catch (TableTransactionFailedException e) when (e.Status == 412)
            {
            }
        }
        throw new ProblemException(Problem.Conflict($"User '{userId}' kept changing; try again."));
    }

    /// <summary>Every listed account must be one of the tenant's (a typo would otherwise scope a person to nothing).</summary>
    public async Task RequireAccountsAsync(string tenantId, IReadOnlyList<string>? accountIds, CancellationToken cancellationToken)
    {
        if (accountIds is null)
        {
            return;
        }
        var v = new Validation();
        for (var i = 0; i < accountIds.Count; i++)
        {
            var account = await Tenant.GetEntityIfExistsAsync<AccountRow>(TableKeys.TenantPartition(tenantId), TableKeys.AccountRow(accountIds[i]),
                select: ["PartitionKey"], cancellationToken: cancellationToken);
            if (!account.HasValue)
            {
                v.Add($"accountIds[{i}]", $"account '{accountIds[i]}' does not exist in this tenant.");
            }
        }
        v.ThrowIfInvalid();
    }

    private async Task ClaimEmailAsync(string email, string tenantId, string userId, CancellationToken cancellationToken)
    {
        var link = new IdentityLinkRow { PartitionKey = IdentityLinks.EmailPartition(email), RowKey = IdentityLinkRow.Row, TenantId = tenantId, UserId = userId };
        try
        {
            await Identities.AddCheckedAsync(link, cancellationToken);
            return;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
        }
        var existing = (await Identities.GetEntityAsync<IdentityLinkRow>(link.PartitionKey, link.RowKey, cancellationToken: cancellationToken)).Value;
        if (await FindAsync(existing.TenantId, existing.UserId, cancellationToken) is not null)
        {
            throw new ProblemException(Problem.Validation("email", "belongs to a user already (in this or another tenant); one email signs in as one person."));
        }
        try
        {
            await Identities.UpdateCheckedAsync(link, existing.ETag, TableUpdateMode.Replace, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            throw new ProblemException(Problem.Conflict("Another invitation of this email is being written; try again."));
        }
    }
}
