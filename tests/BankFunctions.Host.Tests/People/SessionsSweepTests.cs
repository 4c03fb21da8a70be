using BankFunctions.Features.SignIn;
using BankFunctions.Storage;
using Microsoft.Extensions.Time.Testing;

namespace BankFunctions.Host.Tests.People;

/// <summary>The sessions-sweep timer deletes ended sessions and unfinished sign-ins, and nothing alive (Azurite).</summary>
[Collection(HostCollection.Name)]
public sealed class SessionsSweepTests(HostFixture host)
{
    [Fact]
    public async Task Ended_sessions_and_stale_sign_ins_are_deleted_and_live_ones_kept()
    {
        var storage = host.Services.GetRequiredService<StorageClients>();
        var sessions = host.Services.GetRequiredService<SessionStore>();
        var (ended, _) = await sessions.CreateAsync("t-sweep", "usr_sweep", CancellationToken.None);
        var state = SessionTokens.New();
        await sessions.StartSignInAsync(state, "/console/", CancellationToken.None);

        // Now: both are alive.
        await new SessionsSweep(storage, TimeProvider.System).SweepAsync(CancellationToken.None);
        Assert.NotNull(await sessions.FindAsync(ended, CancellationToken.None));

        // Thirteen hours on, past the 12 h session and the 10 min sign-in: both go; a session made "then" stays.
        var later = new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(13));
        var (alive, _) = await new SessionStore(storage, later, host.Services.GetRequiredService<OidcOptions>()).CreateAsync("t-sweep", "usr_sweep", CancellationToken.None);
        Assert.True(await new SessionsSweep(storage, later).SweepAsync(CancellationToken.None) >= 2);
        Assert.Null(await sessions.TakeSignInAsync(state, CancellationToken.None));
        var table = storage.Table(TableNames.Sessions);
        Assert.False((await table.GetEntityIfExistsAsync<BankFunctions.Storage.Rows.SessionRow>(SessionTokens.Hash(ended), "session")).HasValue);
        Assert.True((await table.GetEntityIfExistsAsync<BankFunctions.Storage.Rows.SessionRow>(SessionTokens.Hash(alive), "session")).HasValue);
    }
}
