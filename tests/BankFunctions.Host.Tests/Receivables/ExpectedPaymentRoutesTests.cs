using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static BankFunctions.Host.Tests.Receivables.ExpectedPaymentApi;

namespace BankFunctions.Host.Tests.Receivables;

/// <summary>POST/GET/cancel of /v1/expected-payments against Azurite: idempotency, field errors, roles, tenants.</summary>
[Collection(HostCollection.Name)]
public sealed class ExpectedPaymentRoutesTests(HostFixture host)
{
    [Fact]
    public async Task Create_replay_get_list_and_cancel()
    {
        var tenant = await host.CreateTenantWithAccountsAsync();
        using var submitter = host.Client(tenant.Key("submitter"));
        using var viewer = host.Client(tenant.Key("viewer"));
        var body = Credit(tenant.EurAccount, "1250.00", "RF18 5390 0754 7034");

        var created = await CreateAsync(submitter, body, "key-1");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var json = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = json.GetProperty("id").GetString()!;
        Assert.StartsWith("xp_", id, StringComparison.Ordinal);
        Assert.Equal("/v1/expected-payments/" + id, created.Headers.Location!.OriginalString);
        Assert.Equal("open", json.GetProperty("status").GetString());
        Assert.Equal(1250.00m, Value(json.GetProperty("remaining")));

        var replay = await CreateAsync(submitter, body, "key-1");
        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(id, (await replay.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await CreateAsync(submitter, Credit(tenant.EurAccount, "1.00"), "key-1")).StatusCode);

        var got = await GetAsync(viewer, id);
        Assert.Equal("ERP-1250.00", got.GetProperty("externalId").GetString());
        Assert.Equal("test", got.GetProperty("metadata").GetProperty("erp").GetString());
        Assert.Equal("2026-12-31", got.GetProperty("window").GetProperty("to").GetString());

        var other = await CreatedIdAsync(submitter, Credit(tenant.EurAccount, "10.00"));
        var open = await viewer.GetFromJsonAsync<JsonElement>($"v1/expected-payments?accountId={tenant.EurAccount}&status=open");
        Assert.Equal([id, other], open.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()));
        var page = await viewer.GetFromJsonAsync<JsonElement>("v1/expected-payments?limit=1");
        Assert.Single(page.GetProperty("items").EnumerateArray());
        var next = await viewer.GetFromJsonAsync<JsonElement>("v1/expected-payments?limit=1&cursor=" + page.GetProperty("nextCursor").GetString());
        Assert.Equal(other, next.GetProperty("items")[0].GetProperty("id").GetString());
        var byExternal = await viewer.GetFromJsonAsync<JsonElement>("v1/expected-payments?externalId=ERP-10.00");
        Assert.Equal(other, Assert.Single(byExternal.GetProperty("items").EnumerateArray()).GetProperty("id").GetString());

        var cancelled = await submitter.PostAsJsonAsync($"v1/expected-payments/{id}/cancel", new { reason = "credit note" });
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        var after = await cancelled.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("cancelled", after.GetProperty("status").GetString());
        Assert.Equal("credit note", after.GetProperty("cancelReason").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await submitter.PostAsync($"v1/expected-payments/{id}/cancel", null)).StatusCode);
        var cancelledList = await viewer.GetFromJsonAsync<JsonElement>("v1/expected-payments?status=cancelled");
        Assert.Equal(id, Assert.Single(cancelledList.GetProperty("items").EnumerateArray()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task Invalid_input_is_a_400_naming_each_field()
    {
        var tenant = await host.CreateTenantWithAccountsAsync();
        using var submitter = host.Client(tenant.Key("submitter"));

        var errors = await ErrorsAsync(submitter, new
        {
            accountId = tenant.EurAccount, direction = "sideways", amount = new { currency = "USD", value = "10.001" },
            window = new { from = "2026-12-31", to = "2026-12-01" }, reference = "RF19 5390 0754 7034",
        });
        Assert.Contains("direction", errors);
        Assert.Contains("amount.value", errors);
        Assert.Contains("window.to", errors);
        Assert.Contains("reference", errors);

        errors = await ErrorsAsync(submitter, new
        {
            accountId = tenant.EurAccount, direction = "credit", amount = new { currency = "EUR", value = "10.00" },
            amountRange = new { currency = "EUR", min = "1.00", max = "2.00" }, window = new { from = "2026-12-01" },
        });
        Assert.Contains("amount", errors);
        Assert.Contains("window.to", errors);

        errors = await ErrorsAsync(submitter, Credit(tenant.CnyAccount, "10.00"));
        Assert.Contains("amount.currency", errors);
        errors = await ErrorsAsync(submitter, new
        {
            accountId = tenant.EurAccount, direction = "credit", amountRange = new { currency = "EUR", min = "20.00", max = "10.00" },
            window = new { from = "2026-12-01", to = "2026-12-02" }, remittancePattern = "**",
        });
        Assert.Contains("amountRange.max", errors);
        Assert.Contains("remittancePattern", errors);

        using var noKey = new HttpRequestMessage(HttpMethod.Post, "v1/expected-payments") { Content = JsonContent.Create(Credit(tenant.EurAccount, "1.00")) };
        Assert.Equal(HttpStatusCode.BadRequest, (await submitter.SendAsync(noKey)).StatusCode);
    }

    [Fact]
    public async Task Roles_are_enforced_and_only_the_creator_or_an_admin_cancels()
    {
        var tenant = await host.CreateTenantWithAccountsAsync();
        using var submitter = host.Client(tenant.Key("submitter"));
        using var viewer = host.Client(tenant.Key("viewer"));
        using var all = host.Client(tenant.Key("all"));
        Assert.Equal(HttpStatusCode.Forbidden, (await CreateAsync(viewer, Credit(tenant.EurAccount, "5.00"))).StatusCode);
        var id = await CreatedIdAsync(all, Credit(tenant.EurAccount, "5.00"));
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsync($"v1/expected-payments/{id}/cancel", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await submitter.PostAsync($"v1/expected-payments/{id}/cancel", null)).StatusCode);

        var own = await CreatedIdAsync(submitter, Credit(tenant.EurAccount, "6.00"));
        Assert.Equal(HttpStatusCode.OK, (await all.PostAsync($"v1/expected-payments/{own}/cancel", null)).StatusCode);
    }

    [Fact]
    public async Task Another_tenants_expected_payments_and_accounts_do_not_exist()
    {
        var mine = await host.CreateTenantWithAccountsAsync();
        var theirs = await host.CreateTenantWithAccountsAsync();
        using var me = host.Client(mine.Key("all"));
        using var them = host.Client(theirs.Key("all"));
        var id = await CreatedIdAsync(me, Credit(mine.EurAccount, "42.00"));

        Assert.Equal(HttpStatusCode.NotFound, (await them.GetAsync($"v1/expected-payments/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await them.PostAsync($"v1/expected-payments/{id}/cancel", null)).StatusCode);
        Assert.Empty((await them.GetFromJsonAsync<JsonElement>("v1/expected-payments")).GetProperty("items").EnumerateArray());
        Assert.Empty((await them.GetFromJsonAsync<JsonElement>($"v1/expected-payments?accountId={mine.EurAccount}")).GetProperty("items").EnumerateArray());
        Assert.Contains("accountId", await ErrorsAsync(them, Credit(mine.EurAccount, "42.00")));
        Assert.Equal("open", (await GetAsync(me, id)).GetProperty("status").GetString());
    }

    private static async Task<HashSet<string>> ErrorsAsync(HttpClient client, object body)
    {
        var response = await CreateAsync(client, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToHashSet();
    }
}
