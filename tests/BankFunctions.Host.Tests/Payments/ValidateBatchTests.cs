using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BankFunctions.Host.Tests.Api;

namespace BankFunctions.Host.Tests.Payments;

/// <summary>POST /v1/payment-batches/validate: the submission's checks and answer, with nothing stored (Azurite).</summary>
[Collection(HostCollection.Name)]
public sealed class ValidateBatchTests(HostFixture host)
{
    private static object Item(string name, string iban, string value) =>
        new { amount = new { currency = "EUR", value }, creditor = new { name, iban }, remittanceInformation = "Salary" };

    [Fact]
    public async Task A_good_batch_is_described_and_a_bad_one_refused_as_submission_would_and_nothing_is_stored()
    {
        var t = await host.CreateTenantWithAccountsAsync();
        using var submitter = host.Client(t.Key("submitter"));
        var good = await submitter.PostAsJsonAsync("v1/payment-batches/validate", new
        {
            debtorAccountId = t.EurAccount, kind = "payroll",
            items = new[] { Item("Müller", "GB82WEST12345698765432", "1500.00"), Item("Jane Doe", "DE89370400440532013000", "2000.50") },
        });
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        var answer = await good.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, answer.GetProperty("itemCount").GetInt32());
        Assert.Equal("3500.50", answer.GetProperty("totalAmount").GetProperty("value").GetString());
        Assert.Equal("payroll", answer.GetProperty("kind").GetString());
        Assert.Equal(1, answer.GetProperty("approvalsRequired").GetInt32());
        Assert.Contains(answer.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.Contains("Muller", StringComparison.Ordinal));

        var bad = await submitter.PostAsJsonAsync("v1/payment-batches/validate", new
        {
            debtorAccountId = t.EurAccount, kind = "payroll",
            items = new[] { Item("Jane Doe", "GB82WEST12345698765432", "10.00"), Item("Max", "DE00123", "10.00") },
        });
        await BadInputTests.AssertProblem(bad, 400, "items[1].creditor.iban");

        using var viewer = host.Client(t.Key("viewer"));
        Assert.Equal(0, (await viewer.GetFromJsonAsync<JsonElement>("v1/payment-batches")).GetProperty("items").GetArrayLength());
        using var admin = host.Client(t.Key("admin"));
        Assert.DoesNotContain((await admin.GetFromJsonAsync<JsonElement>("v1/audit")).GetProperty("items").EnumerateArray(),
            a => a.GetProperty("action").GetString()!.StartsWith("batch.", StringComparison.Ordinal));
        // Viewers may not even ask.
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsJsonAsync("v1/payment-batches/validate", new { })).StatusCode);
    }
}
