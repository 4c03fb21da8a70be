using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static BankFunctions.Host.Tests.Counterparties.CounterpartyApi;
using static BankFunctions.Host.Tests.Payments.PaymentApi;

namespace BankFunctions.Host.Tests.Counterparties;

/// <summary>
/// A new or changed counterparty account under dual control, and payments that name it: refused until approved,
/// resolved to its details once approved, the first one needing the tenant's extra approval.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class AccountApprovalRoutesTests(HostFixture host)
{
    [Fact]
    public async Task An_account_needs_approvals_from_others_than_its_requester_before_it_can_be_paid()
    {
        var tenant = await host.CreateTenantWithAccountsAsync();
        using var all = host.Client(tenant.Key("all"));
        using var approver = host.Client(tenant.Key("approver"));
        using var approver2 = host.Client(tenant.Key("approver2"));
        using var admin = host.Client(tenant.Key("admin"));
        await SettingsAsync(admin, accountApprovals: 2, firstPaymentExtra: 0);
        var (id, accountId) = await CreatedAsync(all);
        Assert.Equal(2, (await AccountAsync(all, id, accountId)).GetProperty("approvalsRequired").GetInt32());

        var errors = await ErrorsAsync(await Submit(all, PaymentTo(tenant.EurAccount, id, accountId)));
        Assert.Contains("pending_approval", errors["counterpartyAccountId"][0].GetString(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Forbidden, (await DecideAsync(all, id, accountId, "approve")).StatusCode); // the requester
        Assert.Equal(HttpStatusCode.Forbidden, (await DecideAsync(all, id, accountId, "reject")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await DecideAsync(approver, id, accountId, "approve")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await DecideAsync(approver, id, accountId, "approve")).StatusCode); // same key twice
        Assert.Equal("pending_approval", (await AccountAsync(all, id, accountId)).GetProperty("status").GetString());
        var approved = await DecideAsync(approver2, id, accountId, "approve");
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        var account = (await approved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accounts")[0];
        Assert.Equal("approved", account.GetProperty("status").GetString());
        Assert.Equal([tenant.Keys["approver"].Id, tenant.Keys["approver2"].Id], account.GetProperty("approvals").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(HttpStatusCode.Conflict, (await DecideAsync(approver, id, accountId, "reject")).StatusCode);

        var payment = await Json(await Submit(all, PaymentTo(tenant.EurAccount, id, accountId)));
        Assert.Equal(("Muster GmbH", Iban, "NWBKGB2L"), (payment.GetProperty("creditor").GetProperty("name").GetString(),
            payment.GetProperty("creditor").GetProperty("iban").GetString(), payment.GetProperty("creditor").GetProperty("bic").GetString()));
        Assert.Equal((id, accountId), (payment.GetProperty("counterpartyId").GetString(), payment.GetProperty("counterpartyAccountId").GetString()));

        // New bank details: pending again, not payable, audited as a change.
        var changed = await PatchAsync(all, id, new { accounts = new object[] { new { id = accountId, iban = "DE89370400440532013000" } } });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal("pending_approval", (await AccountAsync(all, id, accountId)).GetProperty("status").GetString());
        Assert.Contains("counterpartyAccountId", (await ErrorsAsync(await Submit(all, PaymentTo(tenant.EurAccount, id, accountId)))).Keys);
        Assert.Equal(HttpStatusCode.OK, (await DecideAsync(approver, id, accountId, "reject")).StatusCode);
        Assert.Equal("rejected", (await AccountAsync(all, id, accountId)).GetProperty("status").GetString());
        Assert.Contains("counterpartyAccountId", (await ErrorsAsync(await Submit(all, PaymentTo(tenant.EurAccount, id, accountId)))).Keys);

        var audit = await admin.GetFromJsonAsync<JsonElement>("v1/audit?limit=1000");
        var actions = audit.GetProperty("items").EnumerateArray().Where(a => a.GetProperty("subject").GetString() == id + "/" + accountId)
            .Select(a => a.GetProperty("action").GetString()).Order(StringComparer.Ordinal);
        Assert.Equal(["counterparty.account-added", "counterparty.account-approval-recorded", "counterparty.account-approved", "counterparty.account-changed",
            "counterparty.account-rejected"], actions);
    }

    [Fact]
    public async Task The_first_payment_to_a_new_account_needs_the_extra_approval_and_later_ones_do_not()
    {
        var tenant = await host.CreateTenantWithAccountsAsync();
        using var submitter = host.Client(tenant.Key("submitter"));
        using var approver = host.Client(tenant.Key("approver"));
        using var admin = host.Client(tenant.Key("admin"));
        await SettingsAsync(admin, accountApprovals: 1, firstPaymentExtra: 1);
        using var viewer = host.Client(tenant.Key("viewer"));
        var settings = await viewer.GetFromJsonAsync<JsonElement>("v1/approval-rules");
        Assert.Equal((1, 1), (settings.GetProperty("counterpartyAccountChangeApprovals").GetInt32(), settings.GetProperty("firstPaymentToNewAccountExtraApprovals").GetInt32()));
        var (id, accountId) = await CreatedAsync(submitter);
        (await DecideAsync(approver, id, accountId, "approve")).EnsureSuccessStatusCode();

        var first = await Json(await Submit(submitter, PaymentTo(tenant.EurAccount, id, accountId)));
        Assert.Equal(("pending_approval", 1, true), (first.GetProperty("status").GetString(), first.GetProperty("approvalsRequired").GetInt32(),
            first.GetProperty("firstPaymentToAccount").GetBoolean()));
        var second = await Json(await Submit(submitter, PaymentTo(tenant.EurAccount, id, accountId, "10.00")));
        Assert.Equal(("approved", 0, false), (second.GetProperty("status").GetString(), second.GetProperty("approvalsRequired").GetInt32(),
            second.GetProperty("firstPaymentToAccount").GetBoolean()));
        Assert.Equal(first.GetProperty("id").GetString(), (await AccountAsync(viewer, id, accountId)).GetProperty("firstPaymentId").GetString());
    }

    [Fact]
    public async Task Settings_out_of_range_are_field_errors()
    {
        var tenant = await host.CreateTenantAsync();
        using var admin = host.Client(tenant.Key("all"));
        var response = await admin.PutAsJsonAsync("v1/approval-rules", new { rules = Array.Empty<object>(), counterpartyAccountChangeApprovals = 3, firstPaymentToNewAccountExtraApprovals = -1 });
        Assert.Equal(["counterpartyAccountChangeApprovals", "firstPaymentToNewAccountExtraApprovals"], (await ErrorsAsync(response)).Keys.Order(StringComparer.Ordinal));
        var defaults = await admin.GetFromJsonAsync<JsonElement>("v1/approval-rules");
        Assert.Equal((1, 0), (defaults.GetProperty("counterpartyAccountChangeApprovals").GetInt32(), defaults.GetProperty("firstPaymentToNewAccountExtraApprovals").GetInt32()));
    }
}
