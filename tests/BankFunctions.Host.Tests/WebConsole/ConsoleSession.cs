using BankFunctions.TestSupport;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace BankFunctions.Host.Tests.WebConsole;

/// <summary>
/// A browser context signed in as one of a test tenant's API keys: the browser sends the key on every request, so the
/// console's same-origin fetches authenticate as that key (the API accepts keys as well as sessions).
/// </summary>
public sealed class ConsoleSession : IAsyncDisposable
{
    private readonly IBrowserContext _context;

    private readonly List<string> _scriptProblems = [];

    private ConsoleSession(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        // What a person would never see but must not happen: an uncaught script error, or something the CSP refused.
        page.PageError += (_, error) => _scriptProblems.Add("uncaught: " + error);
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                _scriptProblems.Add("csp: " + message.Text);
            }
        };
    }

    public IPage Page { get; }

    public static async Task<ConsoleSession> OpenAsync(HostFixture host, ChromiumFixture chromium, TestTenant? tenant, string role, string locale = "en-GB")
    {
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = host.BaseAddress.ToString(),
            Locale = locale,
            ViewportSize = new ViewportSize { Width = 1280, Height = 720 },
            ExtraHTTPHeaders = tenant is null ? null : new Dictionary<string, string> { ["Authorization"] = "Bearer " + tenant.Key(role) },
        });
        var page = await context.NewPageAsync();
        return new ConsoleSession(context, page);
    }

    /// <summary>Opens a console page (hash route) and waits for its heading.</summary>
    public async Task GoAsync(string hashRoute, string heading)
    {
        await Page.GotoAsync("/console/" + hashRoute);
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = heading })).ToBeVisibleAsync();
    }

    /// <summary>axe-core on the page as it is: no serious or critical violation.</summary>
    public async Task AssertAccessibleAsync(string what)
    {
        var result = await Page.RunAxe();
        var severe = result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}").ToList();
        Assert.True(severe.Count == 0, $"{what}: axe found\n{string.Join("\n", severe)}");
    }

    /// <summary>At a narrower laptop width the page still fits: nothing makes the whole page scroll sideways.</summary>
    public async Task AssertFitsWidthAsync(int width, string what)
    {
        await Page.SetViewportSizeAsync(width, 720);
        var scroll = await Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        var viewport = await Page.EvaluateAsync<int>("() => window.innerWidth");
        Assert.True(scroll <= viewport, $"{what} at {width} px: the page is {scroll} px wide");
        await Page.SetViewportSizeAsync(1280, 720);
    }

    /// <summary>A full-page screenshot as a test artefact; the path is printed for the person running the tests.</summary>
    public Task ScreenshotAsync(string name, ITestOutputHelper output) => SaveScreenshotAsync(Page, name, output);

    /// <summary>Screenshots go to $BF_ARTIFACTS/console (default .local/artifacts/console), one PNG per page name.</summary>
    public static async Task SaveScreenshotAsync(IPage page, string name, ITestOutputHelper output)
    {
        var dir = Path.Combine(Environment.GetEnvironmentVariable("BF_ARTIFACTS") is { Length: > 0 } root ? root : RepoPaths.Combine(".local", "artifacts"), "console");
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        output.WriteLine($"screenshot: {path}");
    }

    public async ValueTask DisposeAsync()
    {
        await _context.CloseAsync();
        Assert.True(_scriptProblems.Count == 0, string.Join("\n", _scriptProblems));
    }
}
