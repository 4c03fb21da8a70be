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
