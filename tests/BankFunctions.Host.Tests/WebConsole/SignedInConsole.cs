using BankFunctions.Host.Tests.People;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace BankFunctions.Host.Tests.WebConsole;

/// <summary>
/// A browser that signs in to the console the way a person does: the console's "Sign in" link, DevIdentity's sign-in
/// page, back to the console with the session cookie. No key, no header: only what the browser itself holds.
/// </summary>
public sealed class SignedInConsole : IAsyncDisposable
{
    private readonly List<string> _scriptProblems = [];

    private SignedInConsole(IBrowserContext context, IPage page)
    {
        Context = context;
        Page = page;
        page.PageError += (_, error) => _scriptProblems.Add("uncaught: " + error);
    }

    public IBrowserContext Context { get; }
    public IPage Page { get; }

    public static async Task<SignedInConsole> OpenAsync(SignInFixture stack, ChromiumFixture chromium)
    {
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = stack.Host.BaseAddress.ToString(),
            Locale = "en-GB",
            ViewportSize = new ViewportSize { Width = 1280, Height = 720 },
        });
        return new SignedInConsole(context, await context.NewPageAsync());
    }

    /// <summary>From the console's sign-in screen through the provider's page, until the console names the person.</summary>
    public async Task SignInAsync(string email, string hashRoute = "", ITestOutputHelper? output = null)
    {
        await Page.GotoAsync("/console/" + hashRoute);
        await Page.GetByRole(AriaRole.Link, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Expect(Page.GetByLabel("Email")).ToBeVisibleAsync();
        if (output is not null)
        {
            await ScreenshotAsync("provider-sign-in", output);
        }
        await Page.GetByLabel("Email").FillAsync(email);
        await Page.GetByLabel("Password").FillAsync(SignInFixture.People[email].Password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(Page.Locator("#who")).ToHaveTextAsync($"Signed in as {SignInFixture.People[email].Name}");
    }

    public async Task SignOutAsync()
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Sign in", Exact = true })).ToBeVisibleAsync();
    }

    /// <summary>The session cookie as the browser holds it (HttpOnly: no script of the page can read it).</summary>
    public async Task<BrowserContextCookiesResult?> SessionCookieAsync() =>
        (await Context.CookiesAsync()).SingleOrDefault(c => c.Name == Features.SignIn.SessionCookies.Session);

    public Task ScreenshotAsync(string name, ITestOutputHelper output) => ConsoleSession.SaveScreenshotAsync(Page, name, output);

    public async ValueTask DisposeAsync()
    {
        await Context.CloseAsync();
        Assert.True(_scriptProblems.Count == 0, string.Join("\n", _scriptProblems));
    }
}
