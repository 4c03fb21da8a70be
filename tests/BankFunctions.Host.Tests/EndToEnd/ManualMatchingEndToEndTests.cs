using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BankFunctions.TestSupport;
using static BankFunctions.Host.Tests.Receivables.ExpectedPaymentApi;
using static BankFunctions.Host.Tests.Receivables.ManualMatchingApi;

namespace BankFunctions.Host.Tests.EndToEnd;

/// <summary>
/// Issue #17 "done when", manual part: a BankSim incoming credit that no rule settles (no reference, another payer
/// account, no expected payment of its amount) is pulled, listed as unmatched with why, matched by hand in part, and
/// unmatched again — the expected payment open as before, and later pulls leave the entry to people.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ManualMatchingEndToEndTests(EndToEndFixture e2e)
{
    [Fact]
    public async Task A_BankSim_credit_no_rule_takes_is_matched_by_hand_in_part_and_unmatched()
    {
        var o = await e2e.OnboardAsync();
        using var submitter = e2e.Host.Client(o.Tenant.Key("submitter"));
        using var admin = e2e.Host.Client(o.Tenant.Key("admin"));
        using var viewer = e2e.Host.Client(o.Tenant.Key("viewer"));
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        string Day(int offset) => today.AddDays(offset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var invoice = await CreatedIdAsync(submitter, Credit(o.EurAccount, "500.00", "INV-2026-0777", from: Day(-5), to: Day(5)));
        var sameAmount = await CreatedIdAsync(submitter, new
        {
            accountId = o.EurAccount, direction = "credit", amount = new { currency = "EUR", value = "300.00" }, window = new { from = Day(-5), to = Day(5) },
            counterparty = new { account = "DE89370400440532013000" },
        });
        var credit = await e2e.Bank.PostAsJsonAsync($"_sim/accounts/simbank-iso/{o.IsoIban}/credits",
            new { amount = "300.00", remittance = "see our mail", counterpartyName = "Gamma SA", counterpartyAccount = "FR7630006000011234567890189" });
        Assert.True(credit.StatusCode == HttpStatusCode.Created, await credit.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsync($"v1/accounts/{o.EurAccount}/refresh", null)).StatusCode);

        JsonElement item = default;
        await WaitUntilAsync(async () => (item = (await UnmatchedAsync(viewer, o.EurAccount))
            .FirstOrDefault(i => i.GetProperty("transaction").GetProperty("remittanceInformation").GetString() == "see our mail")).ValueKind == JsonValueKind.Object);
        var entry = EntryId(item);
        var candidate = Assert.Single(item.GetProperty("candidates").EnumerateArray());
        Assert.Equal(sameAmount, candidate.GetProperty("expectedPaymentId").GetString());
        Assert.Equal("counterparty_account_differs", Assert.Single(candidate.GetProperty("reasons").EnumerateArray()).GetProperty("code").GetString());
        Assert.Equal("open", (await GetAsync(viewer, invoice)).GetProperty("status").GetString());

        // The customer says it is part of the invoice: 250.00 of it, the rest stays unallocated.
        var matched = await OkAsync(await MatchAsync(submitter, o.EurAccount, entry,
            new { expectedPaymentIds = new[] { invoice }, amounts = new Dictionary<string, string> { [invoice] = "250.00" }, reason = "customer e-mail" }));
        Assert.Equal("50.00", matched.GetProperty("unallocated").GetProperty("value").GetString());
        var partly = await GetAsync(viewer, invoice);
        Assert.Equal(("partially_reconciled", 250.00m), (partly.GetProperty("status").GetString(), Value(partly.GetProperty("remaining"))));
        Assert.Equal("250.00", Find(await UnmatchedAsync(viewer, o.EurAccount), entry)!.Value.GetProperty("allocated").GetProperty("value").GetString());

        // Taken back: the invoice is open in full again, and another pull does not settle the entry on its own.
        await OkAsync(await UnmatchAsync(submitter, o.EurAccount, entry, new { reason = "it was another invoice" }));
        var back = await GetAsync(viewer, invoice);
        Assert.Equal(("open", 500.00m), (back.GetProperty("status").GetString(), Value(back.GetProperty("remaining"))));
        Assert.Empty(back.GetProperty("settlements").EnumerateArray());
        Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsync($"v1/accounts/{o.EurAccount}/refresh", null)).StatusCode);
        await WaitUntilAsync(async () => (await e2e.Host.Services.GetRequiredService<BankFunctions.Storage.StorageClients>().Queues
            .GetQueueClient(BankFunctions.Storage.QueueNames.StatementsPull).GetPropertiesAsync()).Value.ApproximateMessagesCount == 0);
        Assert.Equal("open", (await GetAsync(viewer, invoice)).GetProperty("status").GetString());
        Assert.Equal("0.00", Find(await UnmatchedAsync(viewer, o.EurAccount), entry)!.Value.GetProperty("allocated").GetProperty("value").GetString());
    }

    private static Task WaitUntilAsync(Func<Task<bool>> condition) => Eventually.HoldsAsync(condition, TimeSpan.FromSeconds(40));
}
