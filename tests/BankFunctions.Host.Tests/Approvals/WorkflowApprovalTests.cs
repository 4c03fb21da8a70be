using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BankFunctions.Host.Tests.Api;
using static BankFunctions.Host.Tests.Approvals.WorkflowApi;
using static BankFunctions.Host.Tests.Payments.PaymentApi;

namespace BankFunctions.Host.Tests.Approvals;

/// <summary>Approval workflows through the API on Azurite (issue #15): levels by group, refusals, snapshots, pending list.</summary>
[Collection(HostCollection.Name)]
public sealed class WorkflowApprovalTests(HostFixture host)
{
    private sealed record Setup(TestTenant Tenant, HttpClient Admin, HttpClient Submitter, HttpClient Ap, HttpClient Ap2, HttpClient Cfo, string ApId, string CfoId) : IDisposable
    {
        public void Dispose()
        {
            foreach (var c in new[] { Admin, Submitter, Ap, Ap2, Cfo })
            {
                c.Dispose();
            }
        }
    }

    private async Task<Setup> TwoLevelTenantAsync()
    {
        var t = await host.CreateTenantWithAccountsAsync();
        var admin = host.Client(t.Key("admin"));
        (await PutWorkflow(admin, TwoLevels)).EnsureSuccessStatusCode();
        var ap = await ApproverAsync(admin, "AP 1", "AP managers");
        var ap2 = await ApproverAsync(admin, "AP 2", "AP managers");
        var cfo = await ApproverAsync(admin, "CFO", "CFO office");
        return new Setup(t, admin, host.Client(t.Key("submitter")), host.Client(ap.Key), host.Client(ap2.Key), host.Client(cfo.Key), ap.Id, cfo.Id);
    }

    [Fact]
    public async Task Two_levels_are_approved_in_order_by_their_groups_and_the_payment_shows_who_approved_each()
    {
        using var s = await TwoLevelTenantAsync();
        var p = await Json(await Submit(s.Submitter, EurPayment(s.Tenant.EurAccount, "150000.00")));
        var id = p.GetProperty("id").GetString();
        Assert.Equal((2, "pending_approval"), (p.GetProperty("approvalsRequired").GetInt32(), p.GetProperty("status").GetString()));
        Assert.Equal(["AP managers", "CFO office"], p.GetProperty("approvalLevels").EnumerateArray().Select(l => l.GetProperty("name").GetString()));

        // Level 2's group cannot go first; an approver in no group of the workflow never can.
        await BadInputTests.AssertProblem(await Act(s.Cfo, $"v1/payments/{id}/approve"), 409, null);
        using var plain = host.Client(s.Tenant.Key("approver"));
        await BadInputTests.AssertProblem(await Act(plain, $"v1/payments/{id}/approve"), 403, null);

        var first = await Json(await Act(s.Ap, $"v1/payments/{id}/approve"));
        Assert.Equal("pending_approval", first.GetProperty("status").GetString());
        // Level 1 is complete: a second AP manager has nothing left to approve.
        await BadInputTests.AssertProblem(await Act(s.Ap2, $"v1/payments/{id}/approve"), 403, null);

        var done = await Json(await Act(s.Cfo, $"v1/payments/{id}/approve"));
        Assert.Equal("approved", done.GetProperty("status").GetString());
        var levels = done.GetProperty("approvalLevels").EnumerateArray().ToList();
        Assert.Equal(s.ApId, levels[0].GetProperty("approvedBy")[0].GetProperty("by").GetString());
        Assert.Equal(s.CfoId, levels[1].GetProperty("approvedBy")[0].GetProperty("by").GetString());
        Assert.Equal([s.ApId, s.CfoId], done.GetProperty("approvals").EnumerateArray().Select(a => a.GetString()));

        // The audit rows name the key that approved.
        var audit = await s.Admin.GetFromJsonAsync<JsonElement>("v1/audit?limit=1000");
        var actors = audit.GetProperty("items").EnumerateArray()
            .Where(a => a.GetProperty("subject").GetString() == id && a.GetProperty("action").GetString() is "payment.approval-recorded" or "payment.approved")
            .Select(a => a.GetProperty("actor").GetString()).Order(StringComparer.Ordinal);
        Assert.Equal(new[] { s.ApId, s.CfoId }.Order(StringComparer.Ordinal), actors);
    }

    [Fact]
    public async Task Below_the_threshold_one_level_suffices_and_the_creator_and_a_second_approval_are_refused()
    {
        using var s = await TwoLevelTenantAsync();
        var creatorKey = await ApproverAsync(s.Admin, "AP submitter", "AP managers");
        using var creator = host.Client(creatorKey.Key);
        using var both = host.Client((await HostFixture.PostJson(s.Admin, "v1/api-keys",
            new { name = "AP submitter 2", roles = new[] { "submitter", "approver" }, approvalGroups = new[] { "AP managers" } })).GetProperty("key").GetString());
        var id = (await Json(await Submit(both, EurPayment(s.Tenant.EurAccount, "500.00")))).GetProperty("id").GetString();

        await BadInputTests.AssertProblem(await Act(both, $"v1/payments/{id}/approve"), 403, null);
        var approved = await Json(await Act(s.Ap, $"v1/payments/{id}/approve"));
        Assert.Equal(("approved", 1), (approved.GetProperty("status").GetString(), approved.GetProperty("approvalsRequired").GetInt32()));
        await BadInputTests.AssertProblem(await Act(s.Ap, $"v1/payments/{id}/approve"), 409, null);
        await BadInputTests.AssertProblem(await Act(creator, $"v1/payments/{id}/approve"), 409, null);
    }

    [Fact]
    public async Task A_rejection_is_final()
    {
        using var s = await TwoLevelTenantAsync();
        var id = (await Json(await Submit(s.Submitter, EurPayment(s.Tenant.EurAccount, "150000.00")))).GetProperty("id").GetString();
        (await Act(s.Ap, $"v1/payments/{id}/approve")).EnsureSuccessStatusCode();
        var rejected = await Json(await s.Cfo.PostAsJsonAsync($"v1/payments/{id}/reject", new { reason = "Not budgeted" }));
        Assert.Equal("rejected", rejected.GetProperty("status").GetString());
        await BadInputTests.AssertProblem(await Act(s.Cfo, $"v1/payments/{id}/approve"), 409, null);
        await BadInputTests.AssertProblem(await Act(s.Ap2, $"v1/payments/{id}/approve"), 409, null);
        Assert.DoesNotContain(id, Ids(await Pending(s.Cfo)));
    }

    [Fact]
    public async Task A_workflow_change_after_submission_never_lowers_what_a_payment_needs()
    {
        using var s = await TwoLevelTenantAsync();
        var id = (await Json(await Submit(s.Submitter, EurPayment(s.Tenant.EurAccount, "150000.00")))).GetProperty("id").GetString();
        // Loosen to nothing at all: the submitted payment keeps its two levels.
        (await PutWorkflow(s.Admin, new { levels = new[] { new { name = "Free", approvals = 0 } } })).EnsureSuccessStatusCode();
        var after = await Json(await Act(s.Ap, $"v1/payments/{id}/approve"));
        Assert.Equal(("pending_approval", 2), (after.GetProperty("status").GetString(), after.GetProperty("approvalsRequired").GetInt32()));
        Assert.Equal("approved", (await Json(await Act(s.Cfo, $"v1/payments/{id}/approve"))).GetProperty("status").GetString());
        // A new payment follows the new workflow.
        Assert.Equal("approved", (await Json(await Submit(s.Submitter, EurPayment(s.Tenant.EurAccount, "150000.00")))).GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_pending_list_shows_each_caller_what_they_may_approve_now()
    {
        using var s = await TwoLevelTenantAsync();
        var big = (await Json(await Submit(s.Submitter, EurPayment(s.Tenant.EurAccount, "150000.00")))).GetProperty("id").GetString()!;
        var small = (await Json(await Submit(s.Submitter, EurPayment(s.Tenant.EurAccount, "20.00")))).GetProperty("id").GetString()!;
        using var batchRequest = new HttpRequestMessage(HttpMethod.Post, "v1/payment-batches")
        {
            Content = JsonContent.Create(new
            {
                debtorAccountId = s.Tenant.EurAccount, kind = "payments",
                items = new[] { new { amount = new { currency = "EUR", value = "10.00" }, creditor = new { name = "Muster GmbH", iban = "GB82WEST12345698765432" } } },
            }),
        };
        batchRequest.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        var batch = (await Json(await s.Submitter.SendAsync(batchRequest))).GetProperty("id").GetString()!;

        Assert.Equal([batch, small, big], Ids(await Pending(s.Ap)));
        Assert.Empty(Ids(await Pending(s.Cfo)));
        using var plain = host.Client(s.Tenant.Key("approver"));
        Assert.Empty(Ids(await Pending(plain)));
        var first = (await Pending(s.Ap)).GetProperty("items").EnumerateArray().Last();
        Assert.Equal(("payment", 1, "AP managers"), (first.GetProperty("kind").GetString(), first.GetProperty("level").GetInt32(), first.GetProperty("levelName").GetString()));

        (await Act(s.Ap, $"v1/payments/{big}/approve")).EnsureSuccessStatusCode();
        Assert.Equal([big], Ids(await Pending(s.Cfo)));
        Assert.Equal([batch, small], Ids(await Pending(s.Ap)));
        Assert.Equal([batch, small], Ids(await Pending(s.Ap2)));
        (await Act(s.Ap2, $"v1/payment-batches/{batch}/approve")).EnsureSuccessStatusCode();
        Assert.Equal([small], Ids(await Pending(s.Ap)));

        // Paged with a checked cursor.
        var page = await s.Ap.GetFromJsonAsync<JsonElement>("v1/approvals/pending?limit=1");
        Assert.Equal(JsonValueKind.String, page.GetProperty("nextCursor").ValueKind);
        await BadInputTests.AssertProblem(await s.Ap2.GetAsync("v1/approvals/pending?cursor=" + page.GetProperty("nextCursor").GetString()), 400, "cursor");
        // A viewer or submitter has no pending list.
        Assert.Equal(HttpStatusCode.Forbidden, (await s.Submitter.GetAsync("v1/approvals/pending")).StatusCode);
    }

    [Fact]
    public async Task Another_tenants_payment_is_404_and_never_pending_for_its_approvers()
    {
        using var s = await TwoLevelTenantAsync();
        var id = (await Json(await Submit(s.Submitter, EurPayment(s.Tenant.EurAccount, "20.00")))).GetProperty("id").GetString()!;
        var other = await host.CreateTenantWithAccountsAsync();
        using var otherAdmin = host.Client(other.Key("admin"));
        (await PutWorkflow(otherAdmin, TwoLevels)).EnsureSuccessStatusCode();
        using var otherAp = host.Client((await ApproverAsync(otherAdmin, "AP", "AP managers")).Key);
        Assert.Equal(HttpStatusCode.NotFound, (await Act(otherAp, $"v1/payments/{id}/approve")).StatusCode);
        Assert.Empty(Ids(await Pending(otherAp)));
        Assert.Equal([id], Ids(await Pending(s.Ap)));
    }

    [Fact]
    public async Task Workflow_edits_are_validated_and_guarded_by_if_match()
    {
        var t = await host.CreateTenantWithAccountsAsync();
        using var admin = host.Client(t.Key("all"));
        var initial = await admin.GetAsync("v1/approval-workflows");
        Assert.Equal("rules", (await Json(initial)).GetProperty("source").GetString());

        await BadInputTests.AssertProblem(await PutWorkflow(admin, new { levels = new[] { new { name = "", approvals = 9, groups = new[] { "a,b" } } } }), 400, "levels[0].approvals");
        var put = await PutWorkflow(admin, TwoLevels);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var etag = put.Headers.ETag!.ToString();
        var got = await admin.GetAsync("v1/approval-workflows");
        Assert.Equal(etag, got.Headers.ETag!.ToString());
        Assert.Equal("workflow", (await Json(got)).GetProperty("source").GetString());

        Assert.Equal(HttpStatusCode.OK, (await PutWorkflow(admin, TwoLevels, etag)).StatusCode);
        // The ETag read before that change is stale now.
        await BadInputTests.AssertProblem(await PutWorkflow(admin, TwoLevels, etag), 412, null);
        // Groups and several levels cannot be shown as old rules.
        await BadInputTests.AssertProblem(await admin.GetAsync("v1/approval-rules"), 409, null);
        using var viewer = host.Client(t.Key("viewer"));
        Assert.Equal(HttpStatusCode.Forbidden, (await PutWorkflow(viewer, TwoLevels)).StatusCode);
    }

    [Fact]
    public async Task Old_rules_are_a_one_level_workflow_and_read_back_in_their_shape()
    {
        var t = await host.CreateTenantWithAccountsAsync();
        using var admin = host.Client(t.Key("all"));
        var rules = new[] { new { currency = "EUR", minAmount = "0.00", approvals = 0 }, new { currency = "EUR", minAmount = "1000.00", approvals = 2 } };
        (await admin.PutAsJsonAsync("v1/approval-rules", new { rules })).EnsureSuccessStatusCode();
        var workflow = await admin.GetFromJsonAsync<JsonElement>("v1/approval-workflows");
        Assert.Equal(("rules", 2), (workflow.GetProperty("source").GetString(), workflow.GetProperty("levels").GetArrayLength()));

        // Stored back as a workflow, the same levels still read as the old rules.
        (await PutWorkflow(admin, new { levels = workflow.GetProperty("levels") })).EnsureSuccessStatusCode();
        var back = await admin.GetFromJsonAsync<JsonElement>("v1/approval-rules");
        Assert.Equal(["EUR 0.00 0", "EUR 1000.00 2"], back.GetProperty("rules").EnumerateArray()
            .Select(r => $"{r.GetProperty("currency").GetString()} {r.GetProperty("minAmount").GetString()} {r.GetProperty("approvals").GetInt32()}"));
        using var submitter = host.Client(t.Key("submitter"));
        var p = await Json(await Submit(submitter, EurPayment(t.EurAccount, "1000.00")));
        Assert.Equal(2, p.GetProperty("approvalsRequired").GetInt32());
        Assert.Equal("EUR from 1000.00", p.GetProperty("approvalLevels")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task Keys_show_their_approval_groups_and_bad_groups_are_field_errors()
    {
        var t = await host.CreateTenantAsync();
        using var admin = host.Client(t.Key("admin"));
        var created = await HostFixture.PostJson(admin, "v1/api-keys", new { name = "AP", roles = new[] { "approver" }, approvalGroups = new[] { "AP managers" } });
        Assert.Equal(["AP managers"], created.GetProperty("approvalGroups").EnumerateArray().Select(g => g.GetString()));
        var listed = await admin.GetFromJsonAsync<JsonElement>("v1/api-keys");
        Assert.Contains(listed.GetProperty("items").EnumerateArray(), k => k.TryGetProperty("approvalGroups", out var g) && g[0].GetString() == "AP managers");
        await BadInputTests.AssertProblem(await admin.PostAsJsonAsync("v1/api-keys", new { name = "x", roles = new[] { "approver" }, approvalGroups = new[] { "a,b" } }), 400, "approvalGroups[0]");
    }
}
