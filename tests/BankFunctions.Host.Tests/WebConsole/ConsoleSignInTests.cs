using System.Net.Http.Json;
using System.Text.Json;
using BankFunctions.Host.Tests.People;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static BankFunctions.Host.Tests.People.PeopleApi;
using static Microsoft.Playwright.Assertions;

namespace BankFunctions.Host.Tests.WebConsole;

/// <summary>The console's people in a real browser against the whole stack (issue #15): host with its stages, Azurite, BankSim, DevIdentity.</summary>
[CollectionDefinition(Name)]
public sealed class SignedInConsoleCollection : ICollectionFixture<SignInFixture>, ICollectionFixture<ChromiumFixture>
{
    public const string Name = "console-signin";
}

/// <summary>
/// Issue #15 "done when", in Chromium: a person signs in through OpenID Connect, submits; another approves; BankSim
/// completes it. A person without an account in scope never sees it. Session fixation and cross-site requests fail.
/// </summary>
[Collection(SignedInConsoleCollection.Name)]
public sealed class ConsoleSignInTests(SignInFixture stack, ChromiumFixture chromium, ITestOutputHelper output)
{
    private static readonly TimeSpan Completion = TimeSpan.FromSeconds(90);

    private async Task<EndToEnd.EndToEndFixture.Onboarded> TenantWithPeopleAsync(params (string Email, string[] Roles, string[]? Accounts)[] people)
    {
        var o = await stack.OnboardAsync();
        using var admin = stack.Host.Client(o.Tenant.Key("admin"));
        // OnboardAsync lets payments through unapproved; here every payment needs a second person.
        await RequireOneApprovalAsync(admin);
        foreach (var (email, roles, accounts) in people)
        {
            await InviteAsync(admin, SignInFixture.People[email].Name, roles, accounts?.Select(a => a == "EUR" ? o.EurAccount : o.CnyAccount).ToArray(), email: email);
        }
        return o;
    }

    [Fact]
    public async Task A_person_signs_in_and_submits_another_approves_and_BankSim_completes_the_payment()
    {
        var o = await TenantWithPeopleAsync(("sam@signin.test", ["submitter", "viewer"], null), ("alex@signin.test", ["approver", "viewer"], null));
        string paymentId;
        await using (var sam = await SignedInConsole.OpenAsync(stack, chromium))
        {
            // The console remembers where the person was going: the new-payment form, after the provider's page.
            await sam.SignInAsync("sam@signin.test", "#/payments/new", output);
            var page = sam.Page;
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "New payment" })).ToBeVisibleAsync();
            await page.GetByLabel("Debtor account").SelectOptionAsync(o.EurAccount);
            await page.GetByLabel("Amount").FillAsync("4321.00");
            await page.GetByLabel("Creditor").FillAsync("Muster GmbH");
            await page.GetByLabel("IBAN").FillAsync("GB82WEST12345698765432");
            await page.GetByLabel("BIC").FillAsync("NWBKGB2L");
            await page.GetByLabel("Remittance information").FillAsync("Invoice 77");
            await page.GetByRole(AriaRole.Button, new() { Name = "Submit payment" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, NameRegex = new System.Text.RegularExpressions.Regex("^Payment pay_") })).ToBeVisibleAsync();
            paymentId = (await page.Locator("h1").TextContentAsync())!["Payment ".Length..];
            // The creator is offered no approval (and the API would refuse it).
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Approve" })).ToHaveCountAsync(0);
            Assert.True((await sam.SessionCookieAsync())!.HttpOnly);
            await sam.SignOutAsync();
            Assert.Null(await sam.SessionCookieAsync());
        }

        await using (var alex = await SignedInConsole.OpenAsync(stack, chromium))
        {
            await alex.SignInAsync("alex@signin.test", "#/approvals");
            var queue = alex.Page;
            var pending = queue.GetByRole(AriaRole.Row).Filter(new() { HasText = paymentId });
            await Expect(pending).ToContainTextAsync("€4,321.00");
            // The creator by name, with the id that the audit log uses.
            await Expect(pending).ToContainTextAsync("Sam Submitter (usr_");
            await queue.GetByLabel($"Reason for {paymentId}").FillAsync("invoice checked");
            await pending.GetByRole(AriaRole.Button, new() { Name = $"Approve {paymentId}" }).ClickAsync();
            await Expect(queue.GetByRole(AriaRole.Status)).ToContainTextAsync($"{paymentId}: Approved.");

            // Through the queues to BankSim and back: completed.
            await stack.WaitForAsync(o.Tenant, paymentId, Completion, "completed");
            await queue.GotoAsync($"/console/#/payments/{paymentId}");
            await Expect(queue.Locator(".badge").First).ToHaveTextAsync("completed");
            await Expect(queue.GetByRole(AriaRole.Table, new() { Name = "Approval levels" })).ToContainTextAsync("Alex Approver");
            await Expect(queue.Locator("dt:text-is('Created by') + dd")).ToContainTextAsync("Sam Submitter (usr_");
            await alex.ScreenshotAsync("payment-completed", output);
        }

        // The trail names both people.
        using var admin = stack.Host.Client(o.Tenant.Key("admin"));
        var audit = await admin.GetFromJsonAsync<JsonElement>("v1/audit");
        var names = audit.GetProperty("items").EnumerateArray().Where(a => a.GetProperty("subject").GetString() == paymentId)
            .Select(a => a.TryGetProperty("actorName", out var n) ? n.GetString() : null).ToHashSet();
        Assert.Contains("Sam Submitter", names);
        Assert.Contains("Alex Approver", names);
    }

    [Fact]
    public async Task A_signed_in_admin_sees_themselves_active_on_the_people_page_and_cannot_disable_themselves()
    {
        await TenantWithPeopleAsync(("ada@signin.test", ["admin", "viewer"], null));
        await using var ada = await SignedInConsole.OpenAsync(stack, chromium);
        await ada.SignInAsync("ada@signin.test", "#/users");
        var page = ada.Page;
        var self = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "ada@signin.test" });
        await Expect(self).ToContainTextAsync("active");
        await Expect(self).ToContainTextAsync("All accounts");
        await Expect(self).Not.ToContainTextAsync("never");
        await self.GetByRole(AriaRole.Button, new() { Name = "Edit Ada Admin" }).ClickAsync();
        await page.Locator("#edit-form").GetByRole(AriaRole.Button, new() { Name = "Disable" }).ClickAsync();
        // The API's own words, beside the disable button.
        await Expect(page.Locator("#err-edit-disabled")).ToHaveTextAsync("you cannot disable yourself or remove your own admin role; another admin can.");
        await Expect(self).ToContainTextAsync("active");
    }

    [Fact]
    public async Task A_person_limited_to_the_EUR_account_never_sees_the_CNY_account()
    {
        var o = await TenantWithPeopleAsync(("eve@signin.test", ["viewer", "submitter"], ["EUR"]));
        await using var eve = await SignedInConsole.OpenAsync(stack, chromium);
        await eve.SignInAsync("eve@signin.test", "#/accounts");
        var page = eve.Page;
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Treasury EUR" })).ToBeVisibleAsync();
        await Expect(page.GetByText("财务 CNY")).ToHaveCountAsync(0);
        await eve.ScreenshotAsync("accounts-scoped", output);
        // Typed in by hand, the other account is not found.
        await page.GotoAsync($"/console/#/accounts/{o.CnyAccount}");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("not found");
        await page.GotoAsync("/console/#/payments/new");
        await Expect(page.GetByLabel("Debtor account").Locator("option", new() { HasText = "财务 CNY" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_planted_session_is_replaced_at_sign_in_and_a_cross_site_request_is_refused()
    {
        var o = await TenantWithPeopleAsync(("vera@signin.test", ["viewer"], null), ("olga@signin.test", ["submitter", "viewer"], null));

        // Session fixation: the attacker signs in and plants their session cookie in the victim's browser.
        await using var attacker = await SignedInConsole.OpenAsync(stack, chromium);
        await attacker.SignInAsync("vera@signin.test");
        var planted = (await attacker.SessionCookieAsync())!;
        await using var victim = await SignedInConsole.OpenAsync(stack, chromium);
        // Planted by script on the console's origin (what an injected script or a man in the middle could do): a host-only
        // "__Host-" cookie, as the browser takes it.
        await victim.Page.GotoAsync("/console/");
        await victim.Page.EvaluateAsync("([name, value]) => { document.cookie = `${name}=${value}; Path=/; Secure; SameSite=Lax`; }", new[] { planted.Name, planted.Value });
        Assert.Equal(planted.Value, (await victim.SessionCookieAsync())?.Value);
        await victim.SignInAsync("olga@signin.test", "#/payments");
        Assert.NotEqual(planted.Value, (await victim.SessionCookieAsync())!.Value);
        await attacker.Page.ReloadAsync();
        await Expect(attacker.Page.GetByRole(AriaRole.Link, new() { Name = "Sign in", Exact = true })).ToBeVisibleAsync();

        // CSRF: a page of another origin on the same site (BankSim's, on another port: the Lax cookie is sent) posts a
        // payment as a form and as a fetch. The session's token is not there, so both are refused.
        var host = stack.Host.BaseAddress.GetLeftPart(UriPartial.Authority);
        var page = victim.Page;
        await page.GotoAsync(stack.Bank.BaseAddress!.ToString());
        var body = JsonSerializer.Serialize(new
        {
            debtorAccountId = o.EurAccount, amount = new { currency = "EUR", value = "9999.00" },
            creditor = new { name = "Mallory", iban = "GB82WEST12345698765432" },
        });
        var fetchStatus = await page.EvaluateAsync<string>(
            "async ([url, body]) => { try { await fetch(url, { method: 'POST', mode: 'no-cors', credentials: 'include', headers: { 'Content-Type': 'text/plain' }, body }); return 'sent'; } catch (e) { return String(e); } }",
            new object[] { host + "/v1/payments", body });
        Assert.Equal("sent", fetchStatus);
        await page.EvaluateAsync(
            "([url, body]) => { const f = document.createElement('form'); f.method = 'POST'; f.action = url; f.enctype = 'text/plain'; const i = document.createElement('input'); i.name = body; i.value = ''; f.appendChild(i); document.body.appendChild(f); f.submit(); }",
            new object[] { host + "/v1/payments", body });
        // The browser names the page's origin, so the origin check refuses it first (without Origin, the missing token
        // would: SessionAuthTests).
        await Expect(page.Locator("body")).ToContainTextAsync("Cross-origin request refused.");
        await Expect(page.Locator("body")).ToContainTextAsync("\"status\":403");

        using var viewer = stack.Host.Client(o.Tenant.Key("viewer"));
        Assert.Equal(0, (await viewer.GetFromJsonAsync<JsonElement>("v1/payments")).GetProperty("items").GetArrayLength());
    }
}
