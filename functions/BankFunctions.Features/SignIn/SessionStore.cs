using Azure;
using BankFunctions.Storage;
using BankFunctions.Storage.Guard;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.SignIn;

/// <summary>
/// Sessions and sign-ins in progress (table Sessions), stored under the hash of their token. A session ends at its
/// absolute end, after <see cref="OidcOptions.SessionIdleMinutes"/> without a request, or at sign-out (row deleted).
/// </summary>
public sealed class SessionStore(StorageClients storage, TimeProvider clock, OidcOptions options)
{
    public static readonly TimeSpan SignInLifetime = TimeSpan.FromMinutes(10);

    /// <summary>The idle end is moved at most this often, so most requests only read the session.</summary>
    private static readonly TimeSpan TouchEvery = TimeSpan.FromMinutes(1);

    private Azure.Data.Tables.TableClient Table => storage.Table(TableNames.Sessions);

    private TimeSpan Idle => TimeSpan.FromMinutes(options.SessionIdleMinutes);

    public TimeSpan Lifetime => TimeSpan.FromHours(options.SessionHours);

    public async Task<SignInStateRow> StartSignInAsync(string state, string returnUrl, CancellationToken cancellationToken)
    {
        var row = new SignInStateRow
        {
            PartitionKey = SessionTokens.Hash(state),
            RowKey = SignInStateRow.Row,
            Nonce = SessionTokens.New(),
            CodeVerifier = SessionTokens.New(),
            ReturnUrl = returnUrl,
            ExpiresAt = clock.GetUtcNow() + SignInLifetime,
        };
        await Table.AddCheckedAsync(row, cancellationToken);
        return row;
    }

    /// <summary>The sign-in started with <paramref name="state"/>, deleted as it is taken: a second callback with it finds nothing.</summary>
    public async Task<SignInStateRow?> TakeSignInAsync(string state, CancellationToken cancellationToken)
    {
        var found = await Table.GetEntityIfExistsAsync<SignInStateRow>(SessionTokens.Hash(state), SignInStateRow.Row, cancellationToken: cancellationToken);
        if (!found.HasValue || found.Value is not { } row)
        {
            return null;
        }
        try
        {
            await Table.DeleteEntityAsync(row.PartitionKey, row.RowKey, row.ETag, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            return null; // another callback with the same state took it first
        }
        return row.ExpiresAt > clock.GetUtcNow() ? row : null;
    }

    /// <summary>A new session (a new random id, whatever cookie the browser sent: no session fixation) → the cookie value.</summary>
    public async Task<(string SessionId, SessionRow Row)> CreateAsync(string tenantId, string userId, CancellationToken cancellationToken)
    {
        var sessionId = SessionTokens.New();
        var now = clock.GetUtcNow();
        var row = new SessionRow
        {
            PartitionKey = SessionTokens.Hash(sessionId),
            RowKey = SessionRow.Row,
            TenantId = tenantId,
            UserId = userId,
            CsrfToken = SessionTokens.New(),
            CreatedAt = now,
            ExpiresAt = now + Lifetime,
            IdleUntil = Min(now + Idle, now + Lifetime),
        };
        await Table.AddCheckedAsync(row, cancellationToken);
        return (sessionId, row);
    }

    /// <summary>The live session of a cookie value, its idle end moved on; null when unknown, ended or expired.</summary>
    public async Task<SessionRow?> FindAsync(string sessionId, CancellationToken cancellationToken)
    {
        var found = await Table.GetEntityIfExistsAsync<SessionRow>(SessionTokens.Hash(sessionId), SessionRow.Row, cancellationToken: cancellationToken);
        if (!found.HasValue || found.Value is not { } row)
        {
            return null;
        }
        var now = clock.GetUtcNow();
        if (now >= row.ExpiresAt || now >= row.IdleUntil)
        {
            await DeleteQuietlyAsync(row.PartitionKey, cancellationToken);
            return null;
        }
        if (row.IdleUntil - now < Idle - TouchEvery)
        {
            row.IdleUntil = Min(now + Idle, row.ExpiresAt);
            try
            {
                await Table.UpdateCheckedAsync(row, row.ETag, Azure.Data.Tables.TableUpdateMode.Merge, cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status is 404 or 412)
            {
                // A parallel request moved it, or sign-out deleted it: the next request decides.
            }
        }
        return row;
    }

    public Task EndAsync(string sessionId, CancellationToken cancellationToken) => DeleteQuietlyAsync(SessionTokens.Hash(sessionId), cancellationToken);

    private async Task DeleteQuietlyAsync(string partition, CancellationToken cancellationToken)
    {
        try
        {
            await Table.DeleteEntityAsync(partition, SessionRow.Row, ETag.All, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
        }
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
