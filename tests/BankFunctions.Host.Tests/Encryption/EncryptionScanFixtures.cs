using BankFunctions.Host.Tests.EndToEnd;

namespace BankFunctions.Host.Tests.Encryption;

/// <summary>The end-to-end host with encryption at rest on: a local key-file KEK in a temp folder.</summary>
public sealed class EncryptedEndToEndFixture : EndToEndFixture
{
    public string KeyFile { get; } = Path.Combine(Path.GetTempPath(), "bf-kek-" + Guid.NewGuid().ToString("N"), "kek.json");

    protected override void ConfigureHost(HostFixture host)
    {
        host.Settings["Encryption:Kek"] = "file";
        host.Settings["Encryption:KeyFile"] = KeyFile;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(Path.GetDirectoryName(KeyFile)!, recursive: true);
    }
}

/// <summary>The same host with encryption at rest off, to prove the scan finds values in clear when they are.</summary>
public sealed class PlainEndToEndFixture : EndToEndFixture
{
    protected override void ConfigureHost(HostFixture host) => host.Settings["Encryption:Kek"] = "none";
}

/// <summary>
/// A host with encryption at rest on (a key-file KEK) and no background work (Runtime:Disabled, as <see cref="HostFixture"/>
/// has it): nothing numbers the pending events or takes a message off a queue, so what a change leaves there stays to be
/// scanned, and the re-seal tests drive the queue handlers themselves.
/// </summary>
public sealed class EncryptedStoppedHostFixture : IAsyncLifetime
{
    public HostFixture Host { get; } = new();
    public string KeyFile { get; } = Path.Combine(Path.GetTempPath(), "bf-kek-" + Guid.NewGuid().ToString("N"), "kek.json");

    public Task InitializeAsync()
    {
        Host.Settings["Encryption:Kek"] = "file";
        Host.Settings["Encryption:KeyFile"] = KeyFile;
        return Host.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        Directory.Delete(Path.GetDirectoryName(KeyFile)!, recursive: true);
    }
}

/// <summary>The same stopped host with encryption at rest off, to prove the scan sees inside pending rows and queues.</summary>
public sealed class PlainStoppedHostFixture : IAsyncLifetime
{
    public HostFixture Host { get; } = new();

    public Task InitializeAsync()
    {
        Host.Settings["Encryption:Kek"] = "none";
        return Host.InitializeAsync();
    }

    public Task DisposeAsync() => Host.DisposeAsync();
}
