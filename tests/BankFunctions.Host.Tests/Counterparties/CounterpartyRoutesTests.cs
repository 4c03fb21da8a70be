using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static BankFunctions.Host.Tests.Counterparties.CounterpartyApi;

namespace BankFunctions.Host.Tests.Counterparties;

/// <summary>POST/GET/PATCH/DELETE of /v1/counterparties against Azurite: idempotency, field errors, roles, audit, tenants.</summary>
[Collection(HostCollection.Name)]
public sealed class CounterpartyRoutesTests(HostFixture host)
{
    [Fact]
    public async Task Create_replay_get_list_patch_and_delete()
    {
        var tenant = await host.CreateTenantAsync();
        using var submitter = host.Client(tenant.Key("submitter"));
        using var viewer = host.Client(tenant.Key("viewer"));
        using var admin = host.Client(tenant.Key("admin"));

        var created = await CreateAsync(submitter, Body(), "key-1");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var json = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = json.GetProperty("id").GetString()!;
        Assert.StartsWith("cp_", id, StringComparison.Ordinal);
        Assert.Equal("/v1/counterparties/" + id, created.Headers.Location!.OriginalString);
        var account = json.GetProperty("accounts")[0];
        Assert.StartsWith("cpa_", account.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal(("iban", "pending_approval", 1), (account.GetProperty("type").GetString(), account.GetProperty("status").GetString(), account.GetProperty("approvalsRequired").GetInt32()));

        var replay = await CreateAsync(submitter, Body(), "key-1");
        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await CreateAsync(submitter, Body("Other"), "key-1")).StatusCode);

        var got = await viewer.GetFromJsonAsync<JsonElement>($"v1/counterparties/{id}");
        Assert.Equal(("Muster GmbH", "ap@muster.example", "Berlin", "V-1"), (got.GetProperty("name").GetString(), got.GetProperty("email").GetString(),
            got.GetProperty("address").GetProperty("town").GetString(), got.GetProperty("metadata").GetProperty("erp").GetString()));

        var (other, _) = await CreatedAsync(submitter, Body("Beta AG", "DE89370400440532013000"));
        var page = await viewer.GetFromJsonAsync<JsonElement>("v1/counterparties?limit=1");
        Assert.Equal(id, Assert.Single(page.GetProperty("items").EnumerateArray()).GetProperty("id").GetString());
        var next = await viewer.GetFromJsonAsync<JsonElement>("v1/counterparties?limit=1&cursor=" + page.GetProperty("nextCursor").GetString());
        Assert.Equal(other, next.GetProperty("items")[0].GetProperty("id").GetString());

        var patched = await PatchAsync(submitter, id, new { name = "Muster GmbH & Co. KG", email = "", metadata = new Dictionary<string, string> { ["erp"] = "V-2" } });
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        var after = await patched.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Muster GmbH & Co. KG", after.GetProperty("name").GetString());
        Assert.False(after.TryGetProperty("email", out _));
        Assert.Equal("V-2", after.GetProperty("metadata").GetProperty("erp").GetString());
        Assert.Equal("Berlin", after.GetProperty("address").GetProperty("town").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await submitter.DeleteAsync($"v1/counterparties/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await viewer.GetAsync($"v1/counterparties/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await submitter.DeleteAsync($"v1/counterparties/{id}")).StatusCode);

        var audit = await admin.GetFromJsonAsync<JsonElement>("v1/audit?limit=1000");
        var actions = audit.GetProperty("items").EnumerateArray().Where(a => a.GetProperty("subject").GetString()!.StartsWith(id, StringComparison.Ordinal))
            .Select(a => a.GetProperty("action").GetString()).ToList();
        Assert.Equal(["counterparty.account-added", "counterparty.created", "counterparty.deleted", "counterparty.updated"], actions.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Invalid_input_is_a_400_naming_each_field_and_changes_nothing()
    {
        var tenant = await host.CreateTenantAsync();
        using var submitter = host.Client(tenant.Key("submitter"));
        using var viewer = host.Client(tenant.Key("viewer"));

        var errors = await ErrorsAsync(await CreateAsync(submitter, new
        {
            name = "", email = "nobody", address = new { country = "Germany" },
            accounts = new object[] { new { iban = "GB83WEST12345698765432" }, new { type = "cnaps", accountNumber = "6225880112345678", bankCode = "12" }, new { type = "swift" } },
        }));
        Assert.Equal(["accounts[0].iban", "accounts[1].bankCode", "accounts[2].type", "address.country", "email", "name"], errors.Keys.Order(StringComparer.Ordinal));

        Assert.Equal(HttpStatusCode.BadRequest, (await CreateAsync(submitter, new { name = "X", accounts = new[] { new { iban = Iban, colour = "red" } } })).StatusCode);
        using var noKey = new HttpRequestMessage(HttpMethod.Post, "v1/counterparties") { Content = JsonContent.Create(Body()) };
        Assert.Equal(HttpStatusCode.BadRequest, (await submitter.SendAsync(noKey)).StatusCode);

        var (id, accountId) = await CreatedAsync(submitter);
        errors = await ErrorsAsync(await PatchAsync(submitter, id, new { name = new string('x', 71), accounts = new object[] { new { id = "cpa_unknown", iban = Iban } } }));
        Assert.Equal(["accounts[0].id", "name"], errors.Keys.Order(StringComparer.Ordinal));
        var unchanged = await viewer.GetFromJsonAsync<JsonElement>($"v1/counterparties/{id}");
        Assert.Equal("Muster GmbH", unchanged.GetProperty("name").GetString());
        Assert.Equal(accountId, Assert.Single(unchanged.GetProperty("accounts").EnumerateArray()).GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await viewer.GetAsync("v1/counterparties/cp_nothere")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await DecideAsync(host.Client(tenant.Key("approver")), id, "cpa_nothere", "approve")).StatusCode);
    }

    [Fact]
    public async Task Roles_are_enforced()
    {
        var tenant = await host.CreateTenantAsync();
        using var submitter = host.Client(tenant.Key("submitter"));
        using var viewer = host.Client(tenant.Key("viewer"));
        Assert.Equal(HttpStatusCode.Forbidden, (await CreateAsync(viewer, Body())).StatusCode);
        var (id, accountId) = await CreatedAsync(submitter);
        Assert.Equal(HttpStatusCode.Forbidden, (await PatchAsync(viewer, id, new { name = "X" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.DeleteAsync($"v1/counterparties/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await DecideAsync(submitter, id, accountId, "approve")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await DecideAsync(viewer, id, accountId, "reject")).StatusCode);
    }

    [Fact]
    public async Task Another_tenants_counterparties_do_not_exist_on_any_route()
    {
        var mine = await host.CreateTenantWithAccountsAsync();
        var theirs = await host.CreateTenantWithAccountsAsync();
        using var me = host.Client(mine.Key("all"));
        using var them = host.Client(theirs.Key("all"));
        var (id, accountId) = await CreatedAsync(me);

        Assert.Equal(HttpStatusCode.NotFound, (await them.GetAsync($"v1/counterparties/{id}")).StatusCode);
        Assert.Empty((await them.GetFromJsonAsync<JsonElement>("v1/counterparties")).GetProperty("items").EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, (await PatchAsync(them, id, new { name = "Mine now" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await DecideAsync(them, id, accountId, "approve")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await DecideAsync(them, id, accountId, "reject")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await them.DeleteAsync($"v1/counterparties/{id}")).StatusCode);
        var errors = await ErrorsAsync(await Payments.PaymentApi.Submit(them, PaymentTo(theirs.EurAccount, id, accountId)));
        Assert.Equal(["counterpartyId"], errors.Keys);

        var still = await me.GetFromJsonAsync<JsonElement>($"v1/counterparties/{id}");
        Assert.Equal(("Muster GmbH", "pending_approval"), (still.GetProperty("name").GetString(), still.GetProperty("accounts")[0].GetProperty("status").GetString()));
    }
}
