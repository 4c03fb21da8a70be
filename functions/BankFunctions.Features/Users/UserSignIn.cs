using Azure;
using BankFunctions.Features.SignIn;
using BankFunctions.Storage;
using BankFunctions.Storage.Guard;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Users;

/// <summary>
/// Finds the person behind a validated sign-in: by the provider's subject once bound, else by an invitation's email
/// (only an email the provider verified, unless configured otherwise), which binds the subject at that first sign-in.
/// Refuses the uninvited and the disabled; one subject is one person, and an invitation already bound to another
/// subject is not taken over by a second account with the same email.
/// </summary>
public sealed class UserSignIn(StorageClients storage, UserStore users, OidcOptions options, TimeProvider clock)
{
    private Azure.Data.Tables.TableClient Identities => storage.Table(TableNames.Identities);

    public async Task<UserRow> FindAsync(SignInIdentity identity, CancellationToken cancellationToken)
    {
        var subjectLink = IdentityLinks.SubjectPartition(identity.Issuer, identity.Subject);
        var bound = await LinkAsync(subjectLink, cancellationToken);
        var row = bound is null ? await ByInvitationAsync(identity, subjectLink, cancellationToken)
            : await users.FindAsync(bound.TenantId, bound.UserId, cancellationToken);
        if (row is null)
        {
            throw new SignInFailedException("not-invited", "No user of any tenant is invited with this sign-in's email.");
        }
        if (UserStates.Parse(row.State) == UserState.Disabled)
        {
            throw new SignInFailedException("disabled", $"User '{row.UserId}' is disabled.");
        }
        // The sign-in is audited as the person's own act, so the trail shows who signed in when.
        var now = clock.GetUtcNow();
        return await users.ChangeAsync(row.TenantId, row.UserId, PersonOf(row), "user.signed-in", r =>
        {
            r.LastSignInAt = now;
            return true;
        }, cancellationToken) ?? throw new SignInFailedException("not-invited", "The user was removed during sign-in.");
    }

    private async Task<UserRow?> ByInvitationAsync(SignInIdentity identity, string subjectLink, CancellationToken cancellationToken)
    {
        if (identity.Email is null || (options.RequireVerifiedEmail && !identity.EmailVerified))
        {
            return null;
        }
        var invitation = await LinkAsync(IdentityLinks.EmailPartition(UserInput.Normalise(identity.Email)), cancellationToken);
        if (invitation is null || await users.FindAsync(invitation.TenantId, invitation.UserId, cancellationToken) is not { } row)
        {
            return null;
        }
        if (row.Subject is not null)
        {
            return null; // bound to another subject already: a second account with this email is not that person
        }
        try
        {
            await Identities.AddCheckedAsync(new IdentityLinkRow
            {
                PartitionKey = subjectLink, RowKey = IdentityLinkRow.Row, TenantId = row.TenantId, UserId = row.UserId,
            }, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // A parallel first sign-in of the same person wrote it; the binding below is the same either way.
        }
        var activated = await users.ChangeAsync(row.TenantId, row.UserId, PersonOf(row), "user.activated", r =>
        {
            if (r.Subject is not null)
            {
                return false;
            }
            r.Issuer = identity.Issuer;
            r.Subject = identity.Subject;
            if (UserStates.Parse(r.State) == UserState.Invited)
            {
                r.State = UserState.Active.ToWire();
            }
            return true;
        }, cancellationToken);
        return activated?.Subject == identity.Subject ? activated : null;
    }

    /// <summary>The person as the actor of their own sign-in's audit rows.</summary>
    private static Auth.Caller PersonOf(UserRow row) =>
        new(false, row.TenantId, null, Auth.Roles.Parse(row.Roles), null, new Auth.SignedInPerson(row.UserId, row.DisplayName, null, ""));

    private async Task<IdentityLinkRow?> LinkAsync(string partition, CancellationToken cancellationToken)
    {
        var found = await Identities.GetEntityIfExistsAsync<IdentityLinkRow>(partition, IdentityLinkRow.Row, cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }
}
