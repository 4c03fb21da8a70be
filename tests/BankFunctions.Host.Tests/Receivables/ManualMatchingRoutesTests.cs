using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BankFunctions.Host.Tests.Statements;
using static BankFunctions.Host.Tests.Receivables.ExpectedPaymentApi;
using static BankFunctions.Host.Tests.Receivables.ManualMatchingApi;

namespace BankFunctions.Host.Tests.Receivables;

/// <summary>
/// GET …/transactions/unmatched, POST …/{entryId}/match and …/unmatch against Azurite: entries stored by a statement
/// import, matched by hand in parts, unmatched, bad input, roles and tenants.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class ManualMatchingRoutesTests(HostFixture host)
{
    private const string Iban = "DE89370400440532013000";
    private static readonly DateOnly Day1 = new(2026, 11, 26);

    private static readonly StatementFiles.Line[] Lines =
    [
        new(Day1, 100.00m, null, "MREF01", "thanks"),
        new(Day1, 300.00m, null, "MREF02", "Payment INV-A first part"),
        new(Day1, -12.50m, null, "MREF03", "Card fee"),
    ];

    private async Task<(TestTenant Tenant, string A, string B, string Invoice, List<JsonElement> Unmatched)> ImportedAsync()
    {
        var tenant = await host.CreateTenantWithAccountsAsync();
        using var submitter = host.Client(tenant.Key("submitter"));
        using var admin = host.Client(tenant.Key("admin"));
        using var viewer = host.Client(tenant.Key("viewer"));
        var a = await CreatedIdAsync(submitter, Credit(tenant.EurAccount, "100.00"));
        var b = await CreatedIdAsync(submitter, Credit(tenant.EurAccount, "100.00"));
        var invoice = await CreatedIdAsync(submitter, Credit(tenant.EurAccount, "500.00", "INV-A"));
        var (status, summary, text) = await StatementImportApi.ImportAsync(admin, tenant.EurAccount, StatementFiles.Mt940(Iban, 1, 1000.00m, Lines));
        Assert.True(status == HttpStatusCode.OK, text);
        Assert.Equal(1, summary.GetProperty("receivablesSettled").GetInt32());
        return (tenant, a, b, invoice, await UnmatchedAsync(viewer, tenant.EurAccount));
    }

    private static JsonElement Item(List<JsonElement> unmatched, string amount) =>
        unmatched.Single(i => i.GetProperty("transaction").GetProperty("amount").GetString() == amount);

    [Fact]
    public async Task An_ambiguous_entry_is_listed_with_why_then_matched_in_parts_replayed_and_unmatched()
    {
        var (tenant, a, b, invoice, unmatched) = await ImportedAsync();
        using var submitter = host.Client(tenant.Key("submitter"));
        using var admin = host.Client(tenant.Key("admin"));
        using var viewer = host.Client(tenant.Key("viewer"));

        // The 300.00 settled INV-A in full (of the entry), so it is not listed; the debit and the 100.00 are.
        Assert.Equal(["100.00", "-12.50"], unmatched.Select(i => i.GetProperty("transaction").GetProperty("amount").GetString()));
        var item = Item(unmatched, "100.00");
        var entry = EntryId(item);
        Assert.Equal("0.00", item.GetProperty("allocated").GetProperty("value").GetString());
        var candidates = item.GetProperty("candidates").EnumerateArray().ToList();
        Assert.Equal([a, b], candidates.Select(c => c.GetProperty("expectedPaymentId").GetString()));
        Assert.All(candidates, c => Assert.Equal("ambiguous", Assert.Single(c.GetProperty("reasons").EnumerateArray()).GetProperty("code").GetString()));
        Assert.Empty(Item(unmatched, "-12.50").GetProperty("candidates").EnumerateArray());

        // 60.00 of it to a, by hand; the same key again answers the same.
        var body = new { expectedPaymentIds = new[] { a }, amounts = new Dictionary<string, string> { [a] = "60.00" }, reason = "customer called" };
        var first = await OkAsync(await MatchAsync(submitter, tenant.EurAccount, entry, body, "match-1"));
        Assert.Equal(("60.00", "40.00"), (first.GetProperty("allocated").GetProperty("value").GetString(), first.GetProperty("unallocated").GetProperty("value").GetString()));
        var replay = await MatchAsync(submitter, tenant.EurAccount, entry, body, "match-1");
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(first.GetRawText(), (await OkAsync(replay)).GetRawText());
        var partial = await GetAsync(viewer, a);
        Assert.Equal(("partially_reconciled", 40.00m), (partial.GetProperty("status").GetString(), Value(partial.GetProperty("remaining"))));
        var settlement = Assert.Single(partial.GetProperty("settlements").EnumerateArray());
        Assert.Equal(("manual", entry), (settlement.GetProperty("rule").GetString(), settlement.GetProperty("entryId").GetString()));
        var listed = Item(await UnmatchedAsync(viewer, tenant.EurAccount), "100.00");
        Assert.Equal("40.00", listed.GetProperty("unallocated").GetProperty("value").GetString());
        Assert.Equal([a], listed.GetProperty("expectedPaymentIds").EnumerateArray().Select(i => i.GetString()));

        // The rest to b (what is left of the entry, without an amount): the entry is settled in full and leaves the list.
        var rest = await OkAsync(await MatchAsync(submitter, tenant.EurAccount, entry, new { expectedPaymentIds = new[] { b } }));
        Assert.Equal("0.00", rest.GetProperty("unallocated").GetProperty("value").GetString());
        Assert.Equal(60.00m, Value((await GetAsync(viewer, b)).GetProperty("remaining")));
        Assert.Null(Find(await UnmatchedAsync(viewer, tenant.EurAccount), entry));
        Assert.Contains("amounts." + b, await ErrorsAsync(await MatchAsync(submitter, tenant.EurAccount, entry, new { expectedPaymentIds = new[] { b } })));

        // Unmatch gives both back what the entry settled; it is listed again with nothing settled.
        var undone = await OkAsync(await UnmatchAsync(submitter, tenant.EurAccount, entry, new { reason = "wrong customer" }));
        Assert.Equal("0.00", undone.GetProperty("allocated").GetProperty("value").GetString());
        foreach (var id in new[] { a, b })
        {
            var back = await GetAsync(viewer, id);
            Assert.Equal(("open", 100.00m), (back.GetProperty("status").GetString(), Value(back.GetProperty("remaining"))));
            Assert.Empty(back.GetProperty("settlements").EnumerateArray());
        }
        Assert.Equal("unmatched", Find(await UnmatchedAsync(viewer, tenant.EurAccount), entry)!.Value.GetProperty("settledBy").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await UnmatchAsync(submitter, tenant.EurAccount, entry, new { reason = "again" })).StatusCode);

        var audit = (await admin.GetFromJsonAsync<JsonElement>("v1/audit?limit=1000")).GetProperty("items").EnumerateArray()
            .Select(r => r.GetProperty("action").GetString()).ToList();
        Assert.Equal(2, audit.Count(x => x == "transaction.matched"));
        Assert.Equal(1, audit.Count(x => x == "transaction.unmatched"));
        _ = invoice;
    }

    [Fact]
    public async Task An_automatic_settlement_unmatched_is_not_settled_again_by_the_next_import_and_says_the_rules_would_take_it()
    {
        var (tenant, _, _, invoice, unmatched) = await ImportedAsync();
        using var submitter = host.Client(tenant.Key("submitter"));
        using var admin = host.Client(tenant.Key("admin"));
        using var viewer = host.Client(tenant.Key("viewer"));
        var entry = (await GetAsync(viewer, invoice)).GetProperty("settlements")[0].GetProperty("entryId").GetString()!;
        Assert.Null(Find(unmatched, entry));
        // Settled in full automatically: nothing of it is left for a person to give.
        Assert.Contains("amounts." + invoice, await ErrorsAsync(await MatchAsync(submitter, tenant.EurAccount, entry, new { expectedPaymentIds = new[] { invoice } })));

        await OkAsync(await UnmatchAsync(submitter, tenant.EurAccount, entry, new { reason = "belongs to INV-B" }));
        Assert.Equal(("open", 500.00m), ((await GetAsync(viewer, invoice)).GetProperty("status").GetString(), Value((await GetAsync(viewer, invoice)).GetProperty("remaining"))));
        var (status, summary, _) = await StatementImportApi.ImportAsync(admin, tenant.EurAccount, StatementFiles.Mt940(Iban, 1, 1000.00m, Lines));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(0, summary.GetProperty("receivablesSettled").GetInt32());
        Assert.Equal("open", (await GetAsync(viewer, invoice)).GetProperty("status").GetString());

        var candidate = Find(await UnmatchedAsync(viewer, tenant.EurAccount), entry)!.Value.GetProperty("candidates").EnumerateArray()
            .Single(c => c.GetProperty("expectedPaymentId").GetString() == invoice);
        Assert.Equal("reference_in_remittance", candidate.GetProperty("wouldMatchBy").GetString());
        Assert.Equal("matches_now", candidate.GetProperty("reasons")[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_manual_match_racing_the_automatic_settlement_of_the_same_entry_never_settles_it_twice()
    {
        var tenant = await host.CreateTenantWithAccountsAsync();
        using var submitter = host.Client(tenant.Key("submitter"));
        using var admin = host.Client(tenant.Key("admin"));
        using var viewer = host.Client(tenant.Key("viewer"));
        StatementFiles.Line[] lines = [.. Enumerable.Range(0, 4).Select(i => new StatementFiles.Line(Day1, 100.00m + i, null, $"RACE{i:D2}", $"Invoice RACE-{i}"))];
        var file = StatementFiles.Mt940(Iban, 1, 1000.00m, lines);
        // Stored first with nothing to settle, so both the re-import and the person find the entries unsettled.
        Assert.Equal(HttpStatusCode.OK, (await StatementImportApi.ImportAsync(admin, tenant.EurAccount, file)).Status);
        var entries = (await UnmatchedAsync(viewer, tenant.EurAccount)).ToDictionary(i => i.GetProperty("transaction").GetProperty("amount").GetString()!, EntryId);
        var byReference = new List<string>();
        var byHand = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            byReference.Add(await CreatedIdAsync(submitter, Credit(tenant.EurAccount, "500.00", $"RACE-{i}")));
            byHand.Add(await CreatedIdAsync(submitter, Credit(tenant.EurAccount, "500.00")));
        }

        var import = StatementImportApi.ImportAsync(admin, tenant.EurAccount, file);
        var matches = lines.Select((l, i) => MatchAsync(submitter, tenant.EurAccount, entries[l.Amount.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)],
            new { expectedPaymentIds = new[] { byHand[i] } })).ToList();
        Assert.Equal(HttpStatusCode.OK, (await import).Status);
        foreach (var response in await Task.WhenAll(matches))
        {
            // The person wins (200) or finds the entry settled already by the import (400: nothing left of it).
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
        }
        for (var i = 0; i < lines.Length; i++)
        {
            var taken = 500.00m - Value((await GetAsync(viewer, byReference[i])).GetProperty("remaining"))
                + 500.00m - Value((await GetAsync(viewer, byHand[i])).GetProperty("remaining"));
            Assert.Equal(lines[i].Amount, taken);
        }
    }

    [Fact]
    public async Task Bad_input_is_a_problem_naming_the_field_and_changes_nothing()
    {
        var (tenant, a, _, _, unmatched) = await ImportedAsync();
        using var submitter = host.Client(tenant.Key("submitter"));
        using var viewer = host.Client(tenant.Key("viewer"));
        var entry = EntryId(Item(unmatched, "100.00"));
        var debit = EntryId(Item(unmatched, "-12.50"));
        var cny = await CreatedIdAsync(submitter, Credit(tenant.CnyAccount, "100.00", currency: "CNY"));
        var before = (await GetAsync(viewer, a)).GetRawText();

        Assert.Contains("amounts." + a, await ErrorsAsync(await MatchAsync(submitter, tenant.EurAccount, entry,
            new { expectedPaymentIds = new[] { a }, amounts = new Dictionary<string, string> { [a] = "150.00" } })));
        Assert.Contains("expectedPaymentIds", await ErrorsAsync(await MatchAsync(submitter, tenant.EurAccount, entry, new { expectedPaymentIds = Array.Empty<string>() })));
        Assert.Contains("expectedPaymentIds[1]", await ErrorsAsync(await MatchAsync(submitter, tenant.EurAccount, entry, new { expectedPaymentIds = new[] { a, cny } })));
        Assert.Contains("expectedPaymentIds[0]", await ErrorsAsync(await MatchAsync(submitter, tenant.EurAccount, debit, new { expectedPaymentIds = new[] { a } })));
        Assert.Contains("expectedPaymentIds", await ErrorsAsync(await MatchAsync(submitter, tenant.EurAccount, entry, new { expectedPaymentIds = new[] { a }, paymentIds = new[] { "pay_1" } })));
        Assert.Contains("reason", await ErrorsAsync(await UnmatchAsync(submitter, tenant.EurAccount, entry, new { })));
        using (var noKey = new HttpRequestMessage(HttpMethod.Post, $"v1/accounts/{tenant.EurAccount}/transactions/{entry}/match") { Content = JsonContent.Create(new { expectedPaymentIds = new[] { a } }) })
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await submitter.SendAsync(noKey)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await MatchAsync(submitter, tenant.EurAccount, "20261126.C999.EUR.0", new { expectedPaymentIds = new[] { a } })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await MatchAsync(viewer, tenant.EurAccount, entry, new { expectedPaymentIds = new[] { a } })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await viewer.GetAsync($"v1/accounts/{tenant.EurAccount}/transactions/unmatched?from=yesterday")).StatusCode);

        Assert.Equal(before, (await GetAsync(viewer, a)).GetRawText());
        Assert.Equal("0.00", Item(await UnmatchedAsync(viewer, tenant.EurAccount), "100.00").GetProperty("allocated").GetProperty("value").GetString());
    }

    [Fact]
    public async Task Another_tenants_accounts_entries_and_expected_payments_do_not_exist()
    {
        var (mine, a, _, _, unmatched) = await ImportedAsync();
        var theirs = await host.CreateTenantWithAccountsAsync();
        using var me = host.Client(mine.Key("all"));
        using var them = host.Client(theirs.Key("all"));
        var entry = EntryId(Item(unmatched, "100.00"));
        var before = (await GetAsync(me, a)).GetRawText();

        Assert.Equal(HttpStatusCode.NotFound, (await them.GetAsync($"v1/accounts/{mine.EurAccount}/transactions/unmatched")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await MatchAsync(them, mine.EurAccount, entry, new { expectedPaymentIds = new[] { a } })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await UnmatchAsync(them, mine.EurAccount, entry, new { reason = "x" })).StatusCode);
        // Their own account with my entry's id: no such entry there.
        Assert.Equal(HttpStatusCode.NotFound, (await MatchAsync(them, theirs.EurAccount, entry, new { expectedPaymentIds = new[] { a } })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await UnmatchAsync(them, theirs.EurAccount, entry, new { reason = "x" })).StatusCode);
        Assert.Empty(await UnmatchedAsync(them, theirs.EurAccount));

        // Their entry and my expected payment: mine is not theirs to settle.
        using var theirAdmin = host.Client(theirs.Key("admin"));
        await StatementImportApi.ImportAsync(theirAdmin, theirs.EurAccount, StatementFiles.Mt940(Iban, 1, 1000.00m, Lines[..1]));
        var theirEntry = EntryId(Assert.Single(await UnmatchedAsync(them, theirs.EurAccount)));
        Assert.Contains("expectedPaymentIds[0]", await ErrorsAsync(await MatchAsync(them, theirs.EurAccount, theirEntry, new { expectedPaymentIds = new[] { a } })));
        Assert.Equal(before, (await GetAsync(me, a)).GetRawText());
    }
}
