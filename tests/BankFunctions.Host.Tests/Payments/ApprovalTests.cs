using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BankFunctions.Host.Tests.Api;
using static BankFunctions.Host.Tests.Payments.PaymentApi;

namespace BankFunctions.Host.Tests.Payments;

[Collection(HostCollection.Name)]
public sealed class ApprovalTests(HostFixture host)
{
    private async Task SetRules(TestTenant t, params object[] rules)
    {
        using var admin = host.Client(t.Key("admin"));
        var response = await admin.PutAsJsonAsync("v1/approval-rules", new { rules });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public static TheoryData<string, int, string> Thresholds => new()
    {
        { "5.00", 0, "approved" },
        { "9999.99", 0, "approved" },
        { "10000.00", 1, "pending_approval" },
        { "99999.99", 1, "pending_approval" },
        { "100000.00", 2, "pending_approval" },
    };

    [Theory]
    [MemberData(nameof(Thresholds))]
    public async Task Highest_matching_threshold_decides(string amount, int approvals, string status)
    {
        var t = await host.CreateTenantWithAccountsAsync();
        await SetRules(t,
            new { currency = "EUR", minAmount = "0.00", approvals = 0 },
            new { currency = "EUR", minAmount = "10000.00", approvals = 1 },
            new { currency = "EUR", minAmount = "100000.00", approvals = 2 });
        using var submitter = host.Client(t.Key("submitter"));
        var p = await Json(await Submit(submitter, EurPayment(t.EurAccount, amount)));
        Assert.Equal(approvals, p.GetProperty("approvalsRequired").GetInt32());
        Assert.Equal(status, p.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Rules_for_another_currency_do_not_apply_and_default_is_one()
    {
        var t = await host.CreateTenantWithAccountsAsync();
        await SetRules(t, new { currency = "CNY", minAmount = "0.00", approvals = 0 });
        using var submitter = host.Client(t.Key("submitter"));
        var p = await Json(await Submit(submitter, EurPayment(t.EurAccount)));
        Assert.Equal(1, p.GetProperty("approvalsRequired").GetInt32());
    }

    [Fact]
    public async Task Creator_can_never_approve_and_two_approvals_need_two_keys()
    {
        var t = await host.CreateTenantWithAccountsAsync();
        await SetRules(t, new { currency = "EUR", minAmount = "0.00", approvals = 2 });
        using var all = host.Client(t.Key("all"));
        var p = await Json(await Submit(all, EurPayment(t.EurAccount)));
        var id = p.GetProperty("id").GetString();

        await BadInputTests.AssertProblem(await Act(all, $"v1/payments/{id}/approve"), 403, null);

        using var approver = host.Client(t.Key("approver"));
        var first = await Act(approver, $"v1/payments/{id}/approve");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("pending_approval", (await Json(first)).GetProperty("status").GetString());
        await BadInputTests.AssertProblem(await Act(approver, $"v1/payments/{id}/approve"), 409, null);

        using var approver2 = host.Client(t.Key("approver2"));
        var second = await Json(await Act(approver2, $"v1/payments/{id}/approve"));
        Assert.Equal("approved", second.GetProperty("status").GetString());
        Assert.Equal(2, second.GetProperty("approvals").GetArrayLength());
    }

    [Fact]
    public async Task Rejection_is_final_and_cancel_only_before_sending()
    {
        var t = await host.CreateTenantWithAccountsAsync();
        using var submitter = host.Client(t.Key("submitter"));
        using var approver = host.Client(t.Key("approver"));
        var id = (await Json(await Submit(submitter, EurPayment(t.EurAccount)))).GetProperty("id").GetString();
        var rejected = await approver.PostAsJsonAsync($"v1/payments/{id}/reject", new { reason = "Wrong supplier" });
        Assert.Equal("rejected", (await Json(rejected)).GetProperty("status").GetString());
        await BadInputTests.AssertProblem(await Act(approver, $"v1/payments/{id}/approve"), 409, null);
        await BadInputTests.AssertProblem(await Act(submitter, $"v1/payments/{id}/cancel"), 409, null);

        var id2 = (await Json(await Submit(submitter, EurPayment(t.EurAccount)))).GetProperty("id").GetString();
        var cancelled = await Json(await Act(submitter, $"v1/payments/{id2}/cancel"));
        Assert.Equal("cancelled", cancelled.GetProperty("status").GetString());
        Assert.Equal(2, cancelled.GetProperty("statusHistory").GetArrayLength());
    }

    [Fact]
    public async Task Two_approvers_racing_give_one_result()
    {
        var t = await host.CreateTenantWithAccountsAsync();
        using var submitter = host.Client(t.Key("submitter"));
        var id = (await Json(await Submit(submitter, EurPayment(t.EurAccount)))).GetProperty("id").GetString();
        using var a1 = host.Client(t.Key("approver"));
        using var a2 = host.Client(t.Key("approver2"));
        var results = await Task.WhenAll(Act(a1, $"v1/payments/{id}/approve"), Act(a2, $"v1/payments/{id}/approve"));
        Assert.Single(results, r => r.StatusCode == HttpStatusCode.OK);
        Assert.Single(results, r => r.StatusCode == HttpStatusCode.Conflict);
        using var viewer = host.Client(t.Key("viewer"));
        var p = await viewer.GetFromJsonAsync<JsonElement>($"v1/payments/{id}");
        Assert.Equal("approved", p.GetProperty("status").GetString());
        Assert.Equal(1, p.GetProperty("approvals").GetArrayLength());
    }

    [Fact]
    public async Task Invalid_rules_are_field_errors()
    {
        var t = await host.CreateTenantWithAccountsAsync();
        using var admin = host.Client(t.Key("admin"));
        var response = await admin.PutAsJsonAsync("v1/approval-rules", new
        {
            rules = new object[]
            {
                new { currency = "EUR", minAmount = "10", approvals = 1 },
                new { currency = "EUR", minAmount = "0.00", approvals = 3 },
            },
        });
        await BadInputTests.AssertProblem(response, 400, "rules[0].minAmount");
    }

    [Fact]
    public async Task Another_tenants_payment_is_404_on_every_payment_route()
    {
        var a = await host.CreateTenantWithAccountsAsync();
        var b = await host.CreateTenantWithAccountsAsync();
        using var sa = host.Client(a.Key("submitter"));
        var id = (await Json(await Submit(sa, EurPayment(a.EurAccount)))).GetProperty("id").GetString();
        using var bAll = host.Client(b.Key("all"));
        Assert.Equal(HttpStatusCode.NotFound, (await bAll.GetAsync($"v1/payments/{id}")).StatusCode);
        foreach (var action in new[] { "approve", "reject", "cancel" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await Act(bAll, $"v1/payments/{id}/{action}")).StatusCode);
        }
        var list = await bAll.GetFromJsonAsync<JsonElement>("v1/payments");
        Assert.Equal(0, list.GetProperty("items").GetArrayLength());
        // Paying from another tenant's account is a validation error, not a leak.
        await BadInputTests.AssertProblem(await Submit(bAll, EurPayment(a.EurAccount)), 400, "debtorAccountId");
    }
}
