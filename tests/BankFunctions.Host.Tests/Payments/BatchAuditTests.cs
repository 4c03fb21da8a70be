using System.Net.Http.Json;
using System.Text.Json;
using static BankFunctions.Host.Tests.Payments.PaymentApi;

namespace BankFunctions.Host.Tests.Payments;

/// <summary>A batch decision carried down to its items is audited with the items it moved (issue #20 §2).</summary>
[Collection(HostCollection.Name)]
public sealed class BatchAuditTests(HostFixture host)
{
    [Fact]
    public async Task Approving_a_batch_audits_the_items_it_moves()
    {
        var t = await host.CreateTenantWithAccountsAsync();
        using var submitter = host.Client(t.Key("submitter"));
        var body = new
        {
            debtorAccountId = t.EurAccount,
            kind = "payments",
            items = Enumerable.Range(1, 3)
                .Select(i => new { amount = new { currency = "EUR", value = $"{i}0.00" }, creditor = new { name = "Muster GmbH", iban = "GB82WEST12345698765432" } }).ToArray(),
        };
        var batchId = (await HostFixture.PostJson(submitter, "v1/payment-batches", body, Guid.NewGuid().ToString())).GetProperty("id").GetString()!;
        using var approver = host.Client(t.Key("approver"));
        Assert.Equal("approved", (await Json(await Act(approver, $"v1/payment-batches/{batchId}/approve"))).GetProperty("status").GetString());

        using var admin = host.Client(t.Key("admin"));
        var audit = (await admin.GetFromJsonAsync<JsonElement>("v1/audit?limit=1000")).GetProperty("items").EnumerateArray().ToList();
        var items = Assert.Single(audit, a => a.GetProperty("action").GetString() == "payment.approved" && a.GetProperty("subject").GetString() == batchId);
        Assert.Equal("system:ApproveBatch", items.GetProperty("actor").GetString());
        var moved = JsonDocument.Parse(items.GetProperty("after").GetString()!).RootElement.GetProperty("payments").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(0, 3).Select(i => $"pay_{batchId[4..]}{i:D5}"), moved.Select(m => m.GetProperty("id").GetString()));
        Assert.All(moved, m => Assert.Equal("pending_approval", m.GetProperty("from").GetString()));
    }
}
