using Microsoft.Playwright;

namespace BankFunctions.Host.Tests.WebConsole;

/// <summary>
/// One headless Chromium for the console's browser tests: Debian's own (scripts/prerequisites.sh installs it), driven
/// by the Playwright driver the NuGet package ships; Playwright's browser download is never used. Each test opens its
/// own context (cookies, storage and headers of its own).
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    /// <summary>Where Debian puts Chromium; BF_CHROMIUM points elsewhere.</summary>
    public static string ExecutablePath => Environment.GetEnvironmentVariable("BF_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    private IPlaywright? _playwright;

    /// <summary>
    /// How long an expectation waits for the page (Playwright's own default is 5 s). One sign-in is the provider's form
    /// post, the host's code exchange with DevIdentity, the redirect, a dozen module fetches and GET /v1/me: CI runs the
    /// test projects side by side on two cores, and there this once took longer than 5 s while nothing was wrong.
    /// </summary>
    public static readonly TimeSpan ExpectTimeout = TimeSpan.FromSeconds(30);

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Assertions.SetDefaultExpectTimeout((float)ExpectTimeout.TotalMilliseconds);
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"No Chromium at {ExecutablePath}: run scripts/prerequisites.sh (apt package chromium) or set BF_CHROMIUM.");
        }
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            // No sandbox (tests may run as root in a container), and nothing that reaches out to the network on its own.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }
        _playwright?.Dispose();
    }
}

/// <summary>The console tests: a host of their own and one browser, classes one after another.</summary>
[CollectionDefinition(Name)]
public sealed class ConsoleCollection : ICollectionFixture<HostFixture>, ICollectionFixture<ChromiumFixture>
{
    public const string Name = "console";
}
