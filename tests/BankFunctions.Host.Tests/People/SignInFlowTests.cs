using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BankFunctions.Features.SignIn;
using static BankFunctions.Host.Tests.People.PeopleApi;

namespace BankFunctions.Host.Tests.People;

/// <summary>
/// Console sign-in end to end over HTTP (issue #15): the host, DevIdentity as the OpenID Connect provider, Azurite.
/// The real browser does the same in the console tests; these look at every redirect and cookie.
/// </summary>
public sealed class SignInFlowTests(SignInFixture fixture) : IClassFixture<SignInFixture>
{
    private HostFixture Host => fixture.Host;

    private async Task<(TestTenant Tenant, HttpClient Admin)> TenantInvitingAsync(params (string Email, string[] Roles)[] people)
    {
        var t = await Host.CreateTenantWithAccountsAsync();
        var admin = Host.Client(t.Key("admin"));
        foreach (var (email, roles) in people)
        {
            await InviteAsync(admin, SignInFixture.People[email].Name, roles, email: email);
        }
        return (t, admin);
    }

    [Fact]
    public async Task An_invited_person_signs_in_gets_a_session_and_is_active_and_audited()
    {
        var (t, admin) = await TenantInvitingAsync(("sam@signin.test", ["submitter", "viewer"]));
        using var _ = admin;
        using var browser = new BrowserlessSignIn(fixture);
        await browser.StartAsync("sam@signin.test", "/console/#/payments");
        Assert.NotNull(browser.HostCookies.GetValueOrDefault(SessionCookies.SignIn));
        Assert.Equal(fixture.Provider.GetLeftPart(UriPartial.Authority), browser.Callback["iss"]);

        Assert.Equal("/console/#/payments", (await browser.FinishAsync()).OriginalString);
        Assert.NotNull(browser.Session);
        Assert.False(browser.HostCookies.ContainsKey(SessionCookies.SignIn), "the sign-in cookie is cleared by the callback");

        using var meResponse = await browser.SendToHostAsync(HttpMethod.Get, "v1/me");
        var me = await meResponse.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("user", me.GetProperty("kind").GetString());
        Assert.Equal("Sam Submitter", me.GetProperty("displayName").GetString());
        Assert.Equal(t.Id, me.GetProperty("tenantId").GetString());

        var user = await admin.GetFromJsonAsync<JsonElement>($"v1/users/{me.GetProperty("id").GetString()}");
        Assert.Equal("active", user.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.String, user.GetProperty("lastSignInAt").ValueKind);
        var audit = await admin.GetFromJsonAsync<JsonElement>("v1/audit");
        var own = audit.GetProperty("items").EnumerateArray().Where(a => a.GetProperty("actor").GetString() == me.GetProperty("id").GetString()).Select(a => a.GetProperty("action").GetString());
        Assert.Equal(["user.activated", "user.signed-in"], own);

        // Signing out ends it; the cookie is cleared.
        using var signOut = await browser.SendToHostAsync(HttpMethod.Post, "auth/sign-out", me.GetProperty("csrfToken").GetString());
        Assert.Equal(HttpStatusCode.NoContent, signOut.StatusCode);
        Assert.Null(browser.Session);
    }

    [Fact]
    public async Task A_planted_session_cookie_is_replaced_and_ended_at_sign_in()
    {
        var (_, admin) = await TenantInvitingAsync(("alex@signin.test", ["approver", "viewer"]), ("vera@signin.test", ["viewer"]));
        using var _ = admin;
        // The attacker signs in as themselves and plants their session id in the victim's browser.
        using var attacker = new BrowserlessSignIn(fixture);
        await attacker.StartAsync("alex@signin.test");
        await attacker.FinishAsync();
        var planted = attacker.Session!;

        using var victim = new BrowserlessSignIn(fixture);
        victim.HostCookies[SessionCookies.Session] = planted;
        await victim.StartAsync("vera@signin.test");
        await victim.FinishAsync();
        Assert.NotEqual(planted, victim.Session);
        using var victimMe = await victim.SendToHostAsync(HttpMethod.Get, "v1/me");
        Assert.Equal("Vera Viewer", (await victimMe.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("displayName").GetString());
        // What the attacker knows is worth nothing now.
        using var attackerMe = await attacker.SendToHostAsync(HttpMethod.Get, "v1/me");
        Assert.Equal(HttpStatusCode.Unauthorized, attackerMe.StatusCode);
    }

    [Fact]
    public async Task A_callback_is_accepted_once_and_only_in_the_browser_that_started_the_sign_in()
    {
        var (_, admin) = await TenantInvitingAsync(("eve@signin.test", ["viewer"]));
        using var _ = admin;
        using var browser = new BrowserlessSignIn(fixture);
        await browser.StartAsync("eve@signin.test");

        // Login CSRF: the callback sent into another browser (no sign-in cookie of that state) is refused.
        using var other = new BrowserlessSignIn(fixture);
        Assert.Equal("/console/?signin=state", (await other.FinishAsync(browser.CallbackUrl)).OriginalString);
        Assert.Null(other.Session);

        // The right browser signs in; replaying its callback finds the sign-in used up.
        var signInCookie = browser.HostCookies[SessionCookies.SignIn];
        Assert.Equal("/console/", (await browser.FinishAsync()).OriginalString);
        browser.HostCookies[SessionCookies.SignIn] = signInCookie;
        var session = browser.Session;
        Assert.Equal("/console/?signin=state", (await browser.FinishAsync()).OriginalString);
        Assert.Equal(session, browser.Session);
    }

    [Fact]
    public async Task Uninvited_and_disabled_people_get_no_session_and_return_urls_stay_in_the_console()
    {
        var (_, admin) = await TenantInvitingAsync(("olga@signin.test", ["viewer"]));
        using var _ = admin;
        var olga = (await admin.GetFromJsonAsync<JsonElement>("v1/users")).GetProperty("items")[0].GetProperty("id").GetString();
        (await admin.PatchAsJsonAsync($"v1/users/{olga}", new { disabled = true })).EnsureSuccessStatusCode();

        using var disabled = new BrowserlessSignIn(fixture);
        await disabled.StartAsync("olga@signin.test");
        Assert.Equal("/console/?signin=disabled", (await disabled.FinishAsync()).OriginalString);
        Assert.Null(disabled.Session);

        using var stranger = new BrowserlessSignIn(fixture);
        await stranger.StartAsync("nina@signin.test", "https://evil.example/phish");
        Assert.Equal("/console/?signin=not-invited", (await stranger.FinishAsync()).OriginalString);
        Assert.Null(stranger.Session);
    }
}
