using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BankFunctions.Host.Tests.Api;
using static BankFunctions.Host.Tests.Payments.PaymentApi;
using static BankFunctions.Host.Tests.People.PeopleApi;

namespace BankFunctions.Host.Tests.People;

/// <summary>
/// A person limited to some accounts (issue #15) does not see, pay from or approve for the others — on every route that
/// reaches an account: by its id, through a payment or batch, or in a list; tenant-wide routes are refused.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class AccountScopeTests(HostFixture host)
{
    [Fact]
    public async Task A_person_limited_to_the_EUR_account_never_sees_the_CNY_account_or_its_payments()
    {
        var t = await host.CreateTenantWithAccountsAsync();
        using (var admin = host.Client(t.Key("admin")))
        {
            await RequireOneApprovalAsync(admin);
        }
        using var keySubmitter = host.Client(t.Key("submitter"));
        var cnyPayment = (await Json(await Submit(keySubmitter, CnyPayment(t.CnyAccount)))).GetProperty("id").GetString();
        var eurPayment = (await Json(await Submit(keySubmitter, EurPayment(t.EurAccount)))).GetProperty("id").GetString();

        using var person = await PersonAsync(host, t, "Eve EUR", ["viewer", "submitter", "approver"], [t.EurAccount]);
        var accounts = await person.GetFromJsonAsync<JsonElement>("v1/accounts");
        Assert.Equal([t.EurAccount], accounts.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("id").GetString()));
        foreach (var path in new[] { $"v1/accounts/{t.CnyAccount}", $"v1/accounts/{t.CnyAccount}/balances", $"v1/accounts/{t.CnyAccount}/transactions", $"v1/payments/{cnyPayment}" })
        {
            await BadInputTests.AssertProblem(await person.GetAsync(path), 404, null);
        }
        Assert.Equal(HttpStatusCode.OK, (await person.GetAsync($"v1/accounts/{t.EurAccount}/balances")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await person.GetAsync($"v1/payments/{eurPayment}")).StatusCode);
        var payments = await person.GetFromJsonAsync<JsonElement>("v1/payments");
        Assert.Equal([eurPayment], payments.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("id").GetString()));
        var pending = await person.GetFromJsonAsync<JsonElement>("v1/approvals/pending");
        Assert.Equal([eurPayment], pending.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()));

        // Acting on the other account's payment is as if it did not exist; paying from that account likewise.
        await BadInputTests.AssertProblem(await Act(person, $"v1/payments/{cnyPayment}/approve"), 404, null);
        await BadInputTests.AssertProblem(await Submit(person, CnyPayment(t.CnyAccount)), 400, "debtorAccountId");
        // Routes over every account are refused.
        await BadInputTests.AssertProblem(await person.GetAsync("v1/events"), 403, null);

        // The unrestricted key still sees both (the scope is the person's, not the tenant's).
        using var viewer = host.Client(t.Key("viewer"));
        Assert.Equal(2, (await viewer.GetFromJsonAsync<JsonElement>("v1/accounts")).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task A_persons_approval_names_the_person_and_the_creator_never_approves()
    {
        var t = await host.CreateTenantWithAccountsAsync();
        using var admin = host.Client(t.Key("admin"));
        await RequireOneApprovalAsync(admin);
        var maker = await InviteAsync(admin, "Mia Maker", ["submitter", "approver", "viewer"]);
        var checker = await InviteAsync(admin, "Carl Checker", ["approver", "viewer"]);
        using var makerClient = (await SessionAsync(host, t.Id, maker.GetProperty("id").GetString()!)).Client;
        using var checkerClient = (await SessionAsync(host, t.Id, checker.GetProperty("id").GetString()!)).Client;

        var id = (await Json(await Submit(makerClient, EurPayment(t.EurAccount, "20000.00")))).GetProperty("id").GetString();
        await BadInputTests.AssertProblem(await Act(makerClient, $"v1/payments/{id}/approve"), 403, null);
        var approved = await Json(await Act(checkerClient, $"v1/payments/{id}/approve"));
        var approval = approved.GetProperty("approvalLevels")[0].GetProperty("approvedBy")[0];
        Assert.Equal(checker.GetProperty("id").GetString(), approval.GetProperty("by").GetString());
        Assert.Equal("Carl Checker", approval.GetProperty("name").GetString());

        var audit = await admin.GetFromJsonAsync<JsonElement>("v1/audit");
        var row = audit.GetProperty("items").EnumerateArray().Last(a => a.GetProperty("subject").GetString() == id && a.GetProperty("actor").GetString() == checker.GetProperty("id").GetString());
        Assert.Equal("Carl Checker", row.GetProperty("actorName").GetString());
        var verify = await admin.GetFromJsonAsync<JsonElement>("v1/audit/verify");
        Assert.True(verify.GetProperty("valid").GetBoolean(), verify.ToString());
    }
    [Fact]
    public async Task The_approvals_queue_and_the_payment_name_a_persons_payment_by_its_creator_and_a_keys_by_id_only()
    {
        var t = await host.CreateTenantWithAccountsAsync();
        using var admin = host.Client(t.Key("admin"));
        await RequireOneApprovalAsync(admin);
        var maker = await InviteAsync(admin, "Mia Maker", ["submitter", "viewer"]);
        var makerId = maker.GetProperty("id").GetString()!;
        using var makerClient = (await SessionAsync(host, t.Id, makerId)).Client;
        using var keySubmitter = host.Client(t.Key("submitter"));
        var byPerson = (await Json(await Submit(makerClient, EurPayment(t.EurAccount)))).GetProperty("id").GetString()!;
        var byKey = (await Json(await Submit(keySubmitter, EurPayment(t.EurAccount)))).GetProperty("id").GetString()!;

        using var approver = host.Client(t.Key("approver"));
        var pending = (await approver.GetFromJsonAsync<JsonElement>("v1/approvals/pending")).GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("id").GetString()!);
        Assert.Equal(makerId, pending[byPerson].GetProperty("createdBy").GetString());
        Assert.Equal("Mia Maker", pending[byPerson].GetProperty("createdByName").GetString());
        Assert.False(pending[byKey].TryGetProperty("createdByName", out _));

        using var viewer = host.Client(t.Key("viewer"));
        var personPayment = await viewer.GetFromJsonAsync<JsonElement>($"v1/payments/{byPerson}");
        Assert.Equal(makerId, personPayment.GetProperty("createdBy").GetString());
        Assert.Equal("Mia Maker", personPayment.GetProperty("createdByName").GetString());
        var keyPayment = await viewer.GetFromJsonAsync<JsonElement>($"v1/payments/{byKey}");
        Assert.Equal(pending[byKey].GetProperty("createdBy").GetString(), keyPayment.GetProperty("createdBy").GetString());
        Assert.NotEqual(makerId, keyPayment.GetProperty("createdBy").GetString());
        Assert.False(keyPayment.TryGetProperty("createdByName", out _));
    }
}
