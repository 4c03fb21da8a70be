using static BankFunctions.Host.Tests.Approvals.WorkflowApi;
using static BankFunctions.Host.Tests.Payments.PaymentApi;

namespace BankFunctions.Host.Tests.EndToEnd;

/// <summary>
/// A payment under a two-level workflow (issue #15), through the queues to BankSim: it waits at level 1 for an
/// "AP managers" key and at level 2 for a "CFO office" key, then is signed, sent and completed.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class WorkflowEndToEndTests(EndToEndFixture e2e)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task A_two_level_payment_is_approved_by_group_a_then_group_b_and_completes()
    {
        var o = await e2e.OnboardAsync(isoBalance: "500000.00", pullSchedule: "0 0 0 1 1 *");
        using var admin = e2e.Host.Client(o.Tenant.Key("admin"));
        (await PutWorkflow(admin, TwoLevels)).EnsureSuccessStatusCode();
        using var ap = e2e.Host.Client((await ApproverAsync(admin, "AP", "AP managers")).Key);
        using var cfo = e2e.Host.Client((await ApproverAsync(admin, "CFO", "CFO office")).Key);
        using var submitter = e2e.Host.Client(o.Tenant.Key("submitter"));

        var id = (await Json(await Submit(submitter, EurPayment(o.EurAccount, "100000.00")))).GetProperty("id").GetString()!;
        Assert.Equal([id], Ids(await Pending(ap)));
        Assert.Empty(Ids(await Pending(cfo)));
        (await Act(ap, $"v1/payments/{id}/approve")).EnsureSuccessStatusCode();
        Assert.Equal("pending_approval", (await e2e.WaitForAsync(o.Tenant, id, Timeout, "pending_approval")).GetProperty("status").GetString());
        Assert.Equal([id], Ids(await Pending(cfo)));
        (await Act(cfo, $"v1/payments/{id}/approve")).EnsureSuccessStatusCode();

        var done = await e2e.WaitForAsync(o.Tenant, id, Timeout, "completed", "rejected", "failed");
        Assert.Equal("completed", done.GetProperty("status").GetString());
        var history = done.GetProperty("statusHistory").EnumerateArray().Select(h => h.GetProperty("status").GetString()).ToList();
        Assert.Equal(["pending_approval", "approved", "signing", "sent"], history.Take(4));
        Assert.Equal(1, await e2e.ExecutionsAsync(done.GetProperty("bankReference").GetString()!));
        Assert.All(done.GetProperty("approvalLevels").EnumerateArray(), l => Assert.Equal(1, l.GetProperty("approvedBy").GetArrayLength()));
    }
}
