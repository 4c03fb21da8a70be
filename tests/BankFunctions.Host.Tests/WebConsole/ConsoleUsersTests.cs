using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace BankFunctions.Host.Tests.WebConsole;

/// <summary>
/// The People page (issue #15) in a real browser against the real host: an admin invites a person limited to one
/// account through the form, sees them listed by account name, and disables them; the API's field errors sit next
/// to their fields.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleUsersTests(HostFixture host, ChromiumFixture chromium, ITestOutputHelper output)
{
    [Fact]
    public async Task An_admin_invites_a_person_limited_to_the_EUR_account_and_disables_them()
    {
        var tenant = await host.CreateTenantWithAccountsAsync();
        await using var session = await ConsoleSession.OpenAsync(host, chromium, tenant, "all");
        var page = session.Page;
        await session.GoAsync("#/users", "People");
        var form = page.Locator("#invite-form");

        await form.GetByLabel("Email").FillAsync("not-an-email");
        await form.GetByLabel("Name", new() { Exact = true }).FillAsync("Erin EUR");
        await form.GetByRole(AriaRole.Checkbox, new() { Name = "viewer" }).CheckAsync();
        await form.GetByRole(AriaRole.Checkbox, new() { Name = "submitter" }).CheckAsync();
        await form.GetByRole(AriaRole.Button, new() { Name = "Send invitation" }).ClickAsync();
        var email = form.GetByLabel("Email");
        await Expect(email).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#err-invite-email")).ToHaveTextAsync("must be an email address such as name@example.com.");
        await Expect(email).ToBeFocusedAsync();
        await session.AssertAccessibleAsync("people with errors");

        // One email is one person across all tenants, so each run invites its own.
        var address = $"erin-{Guid.NewGuid():N}@example.com";
        await email.FillAsync(address);
        await form.GetByRole(AriaRole.Radio, new() { Name = "Only these accounts:" }).CheckAsync();
        await form.GetByRole(AriaRole.Checkbox, new() { Name = "Treasury EUR (EUR)" }).CheckAsync();
        await form.GetByRole(AriaRole.Button, new() { Name = "Send invitation" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Erin EUR ({address}) is invited");
        var people = page.GetByRole(AriaRole.Table, new() { Name = "The people of your company who may use the console" });
        var erin = people.GetByRole(AriaRole.Row).Filter(new() { HasText = "Erin EUR" });
        await Expect(erin).ToContainTextAsync("Treasury EUR");
        await Expect(erin).Not.ToContainTextAsync("财务 CNY");
        await Expect(erin).ToContainTextAsync("viewer, submitter");
        await Expect(erin).ToContainTextAsync("invited");
        await Expect(erin).ToContainTextAsync("never");
        await session.AssertAccessibleAsync("people");
        await session.AssertFitsWidthAsync(1024, "people");
        await session.ScreenshotAsync("users", output);

        await erin.GetByRole(AriaRole.Button, new() { Name = "Edit Erin EUR" }).ClickAsync();
        var edit = page.Locator("#edit-form");
        await Expect(edit.GetByRole(AriaRole.Heading, new() { Name = "Edit Erin EUR" })).ToBeFocusedAsync();
        await Expect(edit.GetByRole(AriaRole.Checkbox, new() { Name = "submitter" })).ToBeCheckedAsync();
        await Expect(edit.GetByRole(AriaRole.Checkbox, new() { Name = "Treasury EUR (EUR)" })).ToBeCheckedAsync();
        await session.AssertAccessibleAsync("people edit");
        await edit.GetByRole(AriaRole.Button, new() { Name = "Disable" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Erin EUR is disabled");
        await Expect(erin).ToContainTextAsync("disabled");

        // Lifting the scope: every account again.
        await erin.GetByRole(AriaRole.Button, new() { Name = "Edit Erin EUR" }).ClickAsync();
        await edit.GetByRole(AriaRole.Radio, new() { Name = "All accounts" }).CheckAsync();
        await edit.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Erin EUR: changes saved.");
        await Expect(erin).ToContainTextAsync("All accounts");
        await Expect(erin).ToContainTextAsync("disabled");
    }
}
