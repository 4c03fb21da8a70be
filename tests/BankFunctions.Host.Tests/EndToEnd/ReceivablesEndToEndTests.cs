using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BankFunctions.TestSupport;
using static BankFunctions.Host.Tests.Receivables.ExpectedPaymentApi;

namespace BankFunctions.Host.Tests.EndToEnd;

/// <summary>
/// Issue #17 "done when": BankSim books incoming credits with a remittance, the statement pull stores them and settles
/// expected payments automatically — whole, in parts, by an RF creditor reference (ISO bank) and by a 附言 code (CMB bank).
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ReceivablesEndToEndTests(EndToEndFixture e2e)
{
    [Fact]
    public async Task BankSim_credits_pulled_from_both_banks_settle_expected_payments_whole_and_in_parts()
    {
        var o = await e2e.OnboardAsync();
        using var submitter = e2e.Host.Client(o.Tenant.Key("submitter"));
        using var admin = e2e.Host.Client(o.Tenant.Key("admin"));
        using var viewer = e2e.Host.Client(o.Tenant.Key("viewer"));
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        string Day(int offset) => today.AddDays(offset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var whole = await CreatedIdAsync(submitter, Credit(o.EurAccount, "300.00", "RF18 5390 0754 7034", from: Day(-5), to: Day(5)));
        var inParts = await CreatedIdAsync(submitter, Credit(o.EurAccount, "1000.00", "INV-2026-0099", from: Day(-5), to: Day(5)));
        var postscript = await CreatedIdAsync(submitter, Credit(o.CnyAccount, "888.00", "HK2026-009", currency: "CNY", from: Day(-5), to: Day(5)));

        await CreditAsync("simbank-iso", o.IsoIban, "300.00", "RF18 5390 0754 7034", "ACME GmbH", "NL91ABNA0417164300");
        await CreditAsync("simbank-iso", o.IsoIban, "400.00", "Payment INV-2026-0099 part 1", "Beta BV", "NL02RABO0123456789");
        await CreditAsync("simbank-cmb", o.CnyNumber, "888.00", "HK2026009", "上海某某贸易有限公司", "6225880100000199");

        Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsync($"v1/accounts/{o.EurAccount}/refresh", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsync($"v1/accounts/{o.CnyAccount}/refresh", null)).StatusCode);

        var settled = await WaitForStatusAsync(viewer, whole, "reconciled");
        Assert.Equal("structured_reference", Assert.Single(settled.GetProperty("settlements").EnumerateArray()).GetProperty("rule").GetString());
        var partly = await WaitForStatusAsync(viewer, inParts, "partially_reconciled");
        Assert.Equal(600.00m, Value(partly.GetProperty("remaining")));
        var cny = await WaitForStatusAsync(viewer, postscript, "reconciled");
        Assert.Equal("structured_reference", cny.GetProperty("settlements")[0].GetProperty("rule").GetString());

        // The rest arrives without any reference: found by the amount still open, once, however often it is pulled.
        await CreditAsync("simbank-iso", o.IsoIban, "600.00", "thanks", "Beta BV", "NL02RABO0123456789");
        await admin.PostAsync($"v1/accounts/{o.EurAccount}/refresh", null);
        var done = await WaitForStatusAsync(viewer, inParts, "reconciled");
        Assert.Equal(["reference_in_remittance", "amount_and_date"], done.GetProperty("settlements").EnumerateArray().Select(s => s.GetProperty("rule").GetString()));
        await Task.WhenAll(admin.PostAsync($"v1/accounts/{o.EurAccount}/refresh", null), admin.PostAsync($"v1/accounts/{o.EurAccount}/refresh", null));
        await WaitUntilAsync(async () => (await e2e.Host.Services.GetRequiredService<BankFunctions.Storage.StorageClients>().Queues
            .GetQueueClient(BankFunctions.Storage.QueueNames.StatementsPull).GetPropertiesAsync()).Value.ApproximateMessagesCount == 0);
        Assert.Equal(2, (await GetAsync(viewer, inParts)).GetProperty("settlements").GetArrayLength());
        Assert.Single((await GetAsync(viewer, whole)).GetProperty("settlements").EnumerateArray());
    }

    private async Task CreditAsync(string bank, string account, string amount, string remittance, string payer, string payerAccount)
    {
        var response = await e2e.Bank.PostAsJsonAsync($"_sim/accounts/{bank}/{account}/credits",
            new { amount, remittance, counterpartyName = payer, counterpartyAccount = payerAccount });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    private static async Task<JsonElement> WaitForStatusAsync(HttpClient viewer, string id, string status)
    {
        JsonElement last = default;
        await WaitUntilAsync(async () => (last = await GetAsync(viewer, id)).GetProperty("status").GetString() == status,
            () => $"{id} is not {status}: {last}");
        return last;
    }

    private static Task WaitUntilAsync(Func<Task<bool>> condition, Func<string>? describe = null) =>
        Eventually.HoldsAsync(condition, TimeSpan.FromSeconds(40), describe);
}
