using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BankFunctions.Host.Tests.Api;
using static BankFunctions.Host.Tests.People.PeopleApi;

namespace BankFunctions.Host.Tests.People;

/// <summary>Users through the API on Azurite (issue #15): invitations, changes, and what is refused.</summary>
[Collection(HostCollection.Name)]
public sealed class UsersApiTests(HostFixture host)
{
    [Fact]
    public async Task An_admin_invites_a_person_who_is_listed_and_audited_and_the_email_is_one_person_across_tenants()
    {
        var t = await host.CreateTenantWithAccountsAsync();
        using var admin = host.Client(t.Key("admin"));
        var email = $"Ana.{Guid.NewGuid():N}@Example.COM";
        var user = await InviteAsync(admin, "Ana Approver", ["approver", "viewer"], [t.EurAccount], ["AP managers"], email);
        Assert.StartsWith("usr_", user.GetProperty("id").GetString());
        Assert.Equal(email.ToLowerInvariant(), user.GetProperty("email").GetString());
        Assert.Equal("invited", user.GetProperty("state").GetString());
        Assert.Equal([t.EurAccount], user.GetProperty("accountIds").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(["viewer", "approver"], user.GetProperty("roles").EnumerateArray().Select(a => a.GetString()));

        var list = await admin.GetFromJsonAsync<JsonElement>("v1/users");
        Assert.Contains(list.GetProperty("items").EnumerateArray(), u => u.GetProperty("id").GetString() == user.GetProperty("id").GetString());
        var audit = await admin.GetFromJsonAsync<JsonElement>("v1/audit");
        Assert.Contains(audit.GetProperty("items").EnumerateArray(), a => a.GetProperty("action").GetString() == "user.invited"
            && a.GetProperty("subject").GetString() == user.GetProperty("id").GetString() && a.GetProperty("actor").GetString() == t.Keys["admin"].Id);

        // The same email, in any case, in this or another tenant: refused on the field.
        var other = await host.CreateTenantAsync();
        using var otherAdmin = host.Client(other.Key("admin"));
        var again = await otherAdmin.PostAsJsonAsync("v1/users", new { email = email.ToUpperInvariant(), displayName = "Impostor", roles = new[] { "admin" } });
        await BadInputTests.AssertProblem(again, 400, "email");
    }

    [Fact]
    public async Task Bad_invitations_name_each_field_and_store_nothing()
    {
        var t = await host.CreateTenantWithAccountsAsync();
        using var admin = host.Client(t.Key("admin"));
        var response = await admin.PostAsJsonAsync("v1/users", new
        {
            email = "not-an-email",
            displayName = "",
            roles = new[] { "root" },
            accountIds = new[] { "acc_0000000000000000000000000000" },
            approvalGroups = new[] { "bad,group" },
        });
        var problem = await BadInputTests.AssertProblem(response, 400, "email");
        var errors = problem.GetProperty("errors");
        foreach (var field in new[] { "displayName", "roles[0]", "approvalGroups[0]" })
        {
            Assert.True(errors.TryGetProperty(field, out _), field);
        }
        // An account id of the right shape that is not the tenant's.
        var unknown = await admin.PostAsJsonAsync("v1/users", new { email = $"{Guid.NewGuid():N}@x.test", displayName = "X", roles = new[] { "viewer" }, accountIds = new[] { t.EurAccount + "0" } });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        var list = await admin.GetFromJsonAsync<JsonElement>("v1/users");
        Assert.Equal(0, list.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task The_operator_invites_a_tenants_first_person_and_an_unknown_tenant_is_404()
    {
        var t = await host.CreateTenantAsync();
        using var op = host.Client(HostFixture.OperatorKey);
        var created = await HostFixture.PostJson(op, $"v1/admin/tenants/{t.Id}/users", new { email = $"{Guid.NewGuid():N}@first.test", displayName = "First Admin", roles = new[] { "admin", "viewer" } });
        Assert.Equal("invited", created.GetProperty("state").GetString());
        var missing = await op.PostAsJsonAsync("v1/admin/tenants/no-such-tenant/users", new { email = $"{Guid.NewGuid():N}@first.test", displayName = "X", roles = new[] { "admin" } });
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        // A tenant key never reaches the operator route.
        using var admin = host.Client(t.Key("admin"));
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.PostAsJsonAsync($"v1/admin/tenants/{t.Id}/users", new { })).StatusCode);
    }

    [Fact]
    public async Task Patch_changes_roles_scope_and_state_and_an_admin_cannot_lock_themselves_out()
    {
        var t = await host.CreateTenantWithAccountsAsync();
        using var admin = host.Client(t.Key("admin"));
        var user = await InviteAsync(admin, "Sam", ["viewer"], [t.EurAccount]);
        var id = user.GetProperty("id").GetString();

        var widened = await (await admin.PatchAsJsonAsync($"v1/users/{id}", new { roles = new[] { "viewer", "submitter" }, allAccounts = true })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(JsonValueKind.Null, widened.TryGetProperty("accountIds", out var scope) ? scope.ValueKind : JsonValueKind.Null);
        Assert.Equal(2, widened.GetProperty("roles").GetArrayLength());
        var fetched = await admin.GetFromJsonAsync<JsonElement>($"v1/users/{id}");
        Assert.False(fetched.TryGetProperty("accountIds", out var stored) && stored.ValueKind == JsonValueKind.Array, "the scope was lifted in storage too");

        var disabled = await (await admin.PatchAsJsonAsync($"v1/users/{id}", new { disabled = true })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("disabled", disabled.GetProperty("state").GetString());
        var enabled = await (await admin.PatchAsJsonAsync($"v1/users/{id}", new { disabled = false })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("invited", enabled.GetProperty("state").GetString());
        await BadInputTests.AssertProblem(await admin.PatchAsJsonAsync($"v1/users/{id}", new { allAccounts = true, accountIds = new[] { t.EurAccount } }), 400, "allAccounts");
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PatchAsJsonAsync("v1/users/usr_nobody", new { disabled = true })).StatusCode);

        // A signed-in admin cannot disable themselves or drop their own admin role.
        var me = await InviteAsync(admin, "Root Admin", ["admin"]);
        var (session, _, _) = await SessionAsync(host, t.Id, me.GetProperty("id").GetString()!);
        using (session)
        {
            await BadInputTests.AssertProblem(await session.PatchAsJsonAsync($"v1/users/{me.GetProperty("id").GetString()}", new { disabled = true }), 400, "disabled");
            await BadInputTests.AssertProblem(await session.PatchAsJsonAsync($"v1/users/{me.GetProperty("id").GetString()}", new { roles = new[] { "viewer" } }), 400, "roles");
        }
    }
}
