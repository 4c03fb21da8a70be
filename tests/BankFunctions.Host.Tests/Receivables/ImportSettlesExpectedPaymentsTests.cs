using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BankFunctions.Host.Tests.Statements;
using static BankFunctions.Host.Tests.Receivables.ExpectedPaymentApi;

namespace BankFunctions.Host.Tests.Receivables;

/// <summary>
/// Statement import → entries stored → expected payments settled, against Azurite: by reference, in parts, then by
/// what is still open; the same file imported again (also twice at once) settles nothing a second time.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class ImportSettlesExpectedPaymentsTests(HostFixture host)
{
    private const string Iban = "DE89370400440532013000";
    private static readonly DateOnly Day1 = new(2026, 11, 26);
    private static readonly DateOnly Day2 = new(2026, 11, 27);

    private static readonly StatementFiles.Line[] Lines =
    [
        new(Day1, 250.00m, null, "BREF0101", "Invoice INV-2026-001 thank you"),
        new(Day1, 400.00m, null, "BREF0102", "RF18 5390 0754 7034 first part"),
        new(Day1, -12.50m, null, "BREF0103", "Card fee"),
        new(Day2, 600.00m, null, "BREF0104", "rest"),
    ];

    [Fact]
    public async Task Entries_settle_by_reference_in_parts_and_by_the_open_amount_and_never_twice()
    {
        var tenant = await host.CreateTenantWithAccountsAsync();
        using var submitter = host.Client(tenant.Key("submitter"));
        using var admin = host.Client(tenant.Key("admin"));
        using var viewer = host.Client(tenant.Key("viewer"));
        var invoice = await CreatedIdAsync(submitter, Credit(tenant.EurAccount, "250.00", "INV-2026-001"));
        var structured = await CreatedIdAsync(submitter, Credit(tenant.EurAccount, "1000.00", "RF18539007547034"));
        var untouched = await CreatedIdAsync(submitter, Credit(tenant.EurAccount, "12.50", "INV-OTHER"));

        var file = StatementFiles.Mt940(Iban, 1, 1000.00m, Lines);
        var (status, summary, text) = await StatementImportApi.ImportAsync(admin, tenant.EurAccount, file);
        Assert.True(status == HttpStatusCode.OK, text);
        Assert.Equal(3, summary.GetProperty("receivablesSettled").GetInt32());

        var first = await GetAsync(viewer, invoice);
        Assert.Equal("reconciled", first.GetProperty("status").GetString());
        var settlement = Assert.Single(first.GetProperty("settlements").EnumerateArray());
        Assert.Equal("reference_in_remittance", settlement.GetProperty("rule").GetString());
        Assert.Equal("2026-11-26", settlement.GetProperty("bookingDate").GetString());
        var entries = await StatementImportApi.TransactionsAsync(viewer, tenant.EurAccount);
        Assert.Equal(250.00m, decimal.Parse(entries.Single(e => e.GetProperty("id").GetString() == settlement.GetProperty("entryId").GetString())
            .GetProperty("amount").GetString()!, System.Globalization.CultureInfo.InvariantCulture));

        var second = await GetAsync(viewer, structured);
        Assert.Equal("reconciled", second.GetProperty("status").GetString());
        Assert.Equal(0m, Value(second.GetProperty("remaining")));
        Assert.Equal(["structured_reference", "amount_and_date"], second.GetProperty("settlements").EnumerateArray().Select(s => s.GetProperty("rule").GetString()));
        Assert.Equal([400.00m, 600.00m], second.GetProperty("settlements").EnumerateArray().Select(s => Value(s.GetProperty("amount"))));
        // A debit never settles an expected credit, whatever its amount.
        Assert.Equal("open", (await GetAsync(viewer, untouched)).GetProperty("status").GetString());

        // Again, and twice at once: stored once, settled once.
        var again = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => StatementImportApi.ImportAsync(admin, tenant.EurAccount, file)));
        Assert.All(again, a => Assert.Equal(HttpStatusCode.OK, a.Status));
        Assert.All(again, a => Assert.Equal(0, a.Body.GetProperty("receivablesSettled").GetInt32()));
        Assert.Single((await GetAsync(viewer, invoice)).GetProperty("settlements").EnumerateArray());
        Assert.Equal(2, (await GetAsync(viewer, structured)).GetProperty("settlements").GetArrayLength());
    }

    [Fact]
    public async Task A_partial_settlement_leaves_the_rest_open_and_a_cancelled_one_is_never_settled()
    {
        var tenant = await host.CreateTenantWithAccountsAsync();
        using var submitter = host.Client(tenant.Key("submitter"));
        using var admin = host.Client(tenant.Key("admin"));
        using var viewer = host.Client(tenant.Key("viewer"));
        var partial = await CreatedIdAsync(submitter, Credit(tenant.EurAccount, "900.00", "INV-2026-001"));
        var cancelled = await CreatedIdAsync(submitter, Credit(tenant.EurAccount, "1000.00", "RF18539007547034"));
        Assert.Equal(HttpStatusCode.OK, (await submitter.PostAsync($"v1/expected-payments/{cancelled}/cancel", null)).StatusCode);

        var (status, summary, text) = await StatementImportApi.ImportAsync(admin, tenant.EurAccount, StatementFiles.Mt940(Iban, 1, 1000.00m, Lines[..2]));
        Assert.True(status == HttpStatusCode.OK, text);
        Assert.Equal(1, summary.GetProperty("receivablesSettled").GetInt32());
        var open = await GetAsync(viewer, partial);
        Assert.Equal("partially_reconciled", open.GetProperty("status").GetString());
        Assert.Equal(650.00m, Value(open.GetProperty("remaining")));
        var gone = await GetAsync(viewer, cancelled);
        Assert.Equal("cancelled", gone.GetProperty("status").GetString());
        Assert.Empty(gone.GetProperty("settlements").EnumerateArray());
    }

    [Fact]
    public async Task Two_imports_of_a_new_day_at_once_settle_each_entry_once()
    {
        var tenant = await host.CreateTenantWithAccountsAsync();
        using var submitter = host.Client(tenant.Key("submitter"));
        using var admin = host.Client(tenant.Key("admin"));
        using var viewer = host.Client(tenant.Key("viewer"));
        var invoice = await CreatedIdAsync(submitter, Credit(tenant.EurAccount, "900.00", "INV-2026-001"));
        var structured = await CreatedIdAsync(submitter, Credit(tenant.EurAccount, "1000.00", "RF18539007547034"));
        var file = StatementFiles.Mt940(Iban, 1, 1000.00m, Lines[..2]);

        var both = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => StatementImportApi.ImportAsync(admin, tenant.EurAccount, file)));
        Assert.All(both, b => Assert.True(b.Status == HttpStatusCode.OK, b.Text));
        Assert.Equal(2, both.Sum(b => b.Body.GetProperty("receivablesSettled").GetInt32()));
        var first = await GetAsync(viewer, invoice);
        Assert.Equal(650.00m, Value(first.GetProperty("remaining")));
        Assert.Single(first.GetProperty("settlements").EnumerateArray());
        var second = await GetAsync(viewer, structured);
        Assert.Equal(600.00m, Value(second.GetProperty("remaining")));
        Assert.Single(second.GetProperty("settlements").EnumerateArray());
    }
}
