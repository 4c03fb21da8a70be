using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using BankFunctions.Storage;
using BankFunctions.Storage.Rows;
using static BankFunctions.Host.Tests.Payments.PaymentApi;

namespace BankFunctions.Host.Tests.Api;

[Collection(HostCollection.Name)]
public sealed class AuditTests(HostFixture host)
{
    [Fact]
    public async Task Every_change_is_audited_and_tampering_is_detected()
    {
        var t = await host.CreateTenantWithAccountsAsync();
        using var submitter = host.Client(t.Key("submitter"));
        var payment = await Json(await Submit(submitter, EurPayment(t.EurAccount)));
        using var approver = host.Client(t.Key("approver"));
        (await Act(approver, $"v1/payments/{payment.GetProperty("id").GetString()}/approve")).EnsureSuccessStatusCode();

        using var admin = host.Client(t.Key("admin"));
        var audit = await admin.GetFromJsonAsync<JsonElement>("v1/audit?limit=1000");
        var actions = audit.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Contains("tenant.created", actions);
        Assert.Contains("api-key.created", actions);
        Assert.Contains("bank-connection.created", actions);
        Assert.Contains("account.created", actions);
        Assert.Contains("payment.created", actions);
        Assert.Contains("payment.approved", actions);
        var approved = audit.GetProperty("items").EnumerateArray().Single(e => e.GetProperty("action").GetString() == "payment.approved");
        Assert.Equal(t.Keys["approver"].Id, approved.GetProperty("actor").GetString());
        Assert.Contains("pending_approval", approved.GetProperty("before").GetString());
        Assert.Contains("\"approved\"", approved.GetProperty("after").GetString());

        var verify = await admin.GetFromJsonAsync<JsonElement>("v1/audit/verify");
        Assert.True(verify.GetProperty("valid").GetBoolean());
        Assert.Equal(actions.Count, verify.GetProperty("checked").GetInt32());

        // Someone with storage access edits history: the seal no longer matches.
        var table = host.Services.GetRequiredService<StorageClients>().Table(TableNames.TenantData);
        var row = await table.GetEntityAsync<AuditRow>(t.Id, "audit|" + approved.GetProperty("id").GetString());
        row.Value.Actor = "someone-else";
        await table.UpdateEntityAsync(row.Value, row.Value.ETag, TableUpdateMode.Replace);
        var after = await admin.GetFromJsonAsync<JsonElement>("v1/audit/verify");
        Assert.False(after.GetProperty("valid").GetBoolean());
        Assert.Equal(approved.GetProperty("id").GetString(), after.GetProperty("invalid")[0].GetString());
    }
}
