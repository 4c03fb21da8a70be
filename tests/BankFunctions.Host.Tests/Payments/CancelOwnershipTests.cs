using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using BankFunctions.Features.Auth;
using BankFunctions.Features.Payments;
using BankFunctions.Host.Tests.Api;
using static BankFunctions.Host.Tests.Payments.PaymentApi;

namespace BankFunctions.Host.Tests.Payments;

/// <summary>API.md: submitters cancel their own payments and batches; a key with the admin role may cancel any (issue #20 §1).</summary>
[Collection(HostCollection.Name)]
public sealed class CancelOwnershipTests(HostFixture host)
{
    [Fact]
    public void Only_the_creating_key_or_an_admin_may_cancel()
    {
        var owner = new Caller(false, "t1", "k_owner", Role.Submitter);
        var other = new Caller(false, "t1", "k_other", Role.Submitter | Role.Viewer | Role.Approver);
        var admin = new Caller(false, "t1", "k_admin", Role.Submitter | Role.Admin);

        Assert.Null(CancelOwnership.Check("k_owner", owner, "payment"));
        Assert.Null(CancelOwnership.Check("k_owner", admin, "payment"));
        Assert.Equal(403, (CancelOwnership.Check("k_owner", other, "payment")?.ToProblem() as IStatusCodeHttpResult)?.StatusCode);
    }

    [Fact]
    public async Task Another_submitter_cannot_cancel_a_payment_and_an_admin_can()
    {
        var t = await host.CreateTenantWithAccountsAsync();
        using var submitter = host.Client(t.Key("submitter"));
        using var otherSubmitter = host.Client(await SecondSubmitterAsync(t));
        var id = (await Json(await Submit(submitter, EurPayment(t.EurAccount)))).GetProperty("id").GetString();

        var refused = await Act(otherSubmitter, $"v1/payments/{id}/cancel");
        Assert.Contains("created by another key", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await BadInputTests.AssertProblem(refused, 403, null);
        using var viewer = host.Client(t.Key("viewer"));
        Assert.Equal("pending_approval", (await viewer.GetFromJsonAsync<JsonElement>($"v1/payments/{id}")).GetProperty("status").GetString());

        using var admin = host.Client(t.Key("all")); // submitter + admin
        var cancelled = await Act(admin, $"v1/payments/{id}/cancel");
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Equal("cancelled", (await Json(cancelled)).GetProperty("status").GetString());

        var own = (await Json(await Submit(submitter, EurPayment(t.EurAccount)))).GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.OK, (await Act(submitter, $"v1/payments/{own}/cancel")).StatusCode);
    }

    [Fact]
    public async Task Another_submitter_cannot_cancel_a_batch_and_its_creator_can()
    {
        var t = await host.CreateTenantWithAccountsAsync();
        using var submitter = host.Client(t.Key("submitter"));
        using var otherSubmitter = host.Client(await SecondSubmitterAsync(t));
        var body = new
        {
            debtorAccountId = t.EurAccount,
            kind = "payments",
            items = Enumerable.Range(1, 2)
                .Select(i => new { amount = new { currency = "EUR", value = $"{i}0.00" }, creditor = new { name = "Muster GmbH", iban = "GB82WEST12345698765432" } }).ToArray(),
        };
        var batch = await HostFixture.PostJson(submitter, "v1/payment-batches", body, Guid.NewGuid().ToString());
        var id = batch.GetProperty("id").GetString();

        await BadInputTests.AssertProblem(await Act(otherSubmitter, $"v1/payment-batches/{id}/cancel"), 403, null);
        using var viewer = host.Client(t.Key("viewer"));
        Assert.Equal("pending_approval", (await viewer.GetFromJsonAsync<JsonElement>($"v1/payment-batches/{id}")).GetProperty("status").GetString());

        var cancelled = await Act(submitter, $"v1/payment-batches/{id}/cancel");
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Equal("cancelled", (await Json(cancelled)).GetProperty("status").GetString());
    }

    private async Task<string> SecondSubmitterAsync(TestTenant t)
    {
        using var admin = host.Client(t.Key("admin"));
        var created = await HostFixture.PostJson(admin, "v1/api-keys", new { name = "submitter 2", roles = new[] { "submitter" } });
        return created.GetProperty("key").GetString()!;
    }
}
