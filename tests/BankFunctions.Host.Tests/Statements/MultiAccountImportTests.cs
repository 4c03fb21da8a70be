using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using static BankFunctions.Host.Tests.Statements.StatementFiles;
using static BankFunctions.Host.Tests.Statements.StatementImportApi;

namespace BankFunctions.Host.Tests.Statements;

/// <summary>
/// Files with statements for several accounts (issue #13 item 2): an import into one account stores its statements
/// and reports the others; POST /v1/statements routes every statement to the tenant's account it names.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class MultiAccountImportTests(HostFixture host)
{
    private const string Iban = "DE89370400440532013000";      // the EUR account of CreateTenantWithAccountsAsync
    private const string OtherIban = "DE44500105175407324931"; // a second EUR account registered by these tests
    private static readonly DateOnly Day = new(2026, 11, 26);

    /// <summary>Five statements: two for the EUR account (one by IBAN, one as BLZ/account), one for the second account, one for an unknown account, one in USD.</summary>
    private static string FiveStatements() => string.Join("\r\n",
        Mt940(Iban, 11, 1000.00m, [new(Day, -250.00m, null, "MINE0001", "Invoice 4711"), new(Day, 100.00m, null, "MINE0002", "ACME")]),
        Mt940(OtherIban, 7, 500.00m, [new(Day, -20.00m, null, "OTHER0001", "Rent")]),
        Mt940("37040044/0532013000", 12, 850.00m, [new(Day.AddDays(1), -5.00m, null, "MINE0003", "Fee")]),
        Mt940("NL91ABNA0417164300", 1, 10.00m, [new(Day, -1.00m, null, "NOBODY01", "Unknown account")]),
        Mt940(OtherIban, 3, 70.00m, [new(Day, 9.00m, null, "USD00001", "Dollar")], currency: "USD"));

    [Fact]
    public async Task An_import_into_one_account_stores_its_statements_and_reports_each_other_one_once()
    {
        var tenant = await host.CreateTenantWithAccountsAsync();
        using var admin = host.Client(tenant.Key("admin"));
        using var viewer = host.Client(tenant.Key("viewer"));

        var first = await ImportAsync(admin, tenant.EurAccount, FiveStatements());

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal((3, 3), (first.Body.GetProperty("entries").GetInt32(), first.Body.GetProperty("stored").GetInt32()));
        Assert.Equal(["STMT11", "STMT12"], first.Body.GetProperty("statements").EnumerateArray().Select(s => s.GetProperty("id").GetString()));
        var skipped = first.Body.GetProperty("skipped").EnumerateArray().ToList();
        Assert.Equal([2, 4, 5], skipped.Select(s => s.GetProperty("index").GetInt32()));
        Assert.Equal([OtherIban, "NL91ABNA0417164300", OtherIban], skipped.Select(s => s.GetProperty("account").GetString()));
        Assert.Contains("currency USD", skipped[2].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(3, first.Body.GetProperty("warnings").EnumerateArray().Count(w => w.GetProperty("code").GetString() == "statement.other_account"));

        // Only this account's bookings, and the balance of its own last statement (not the foreign statements' closings).
        var references = (await TransactionsAsync(viewer, tenant.EurAccount)).Select(t => t.GetProperty("bankReference").GetString()).Order(StringComparer.Ordinal);
        Assert.Equal(["MINE0001", "MINE0002", "MINE0003"], references);
        Assert.Equal(845.00m, decimal.Parse((await BalancesAsync(viewer, tenant.EurAccount)).GetProperty("booked").GetProperty("value").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Empty(await TransactionsAsync(viewer, tenant.CnyAccount));

        var again = await ImportAsync(admin, tenant.EurAccount, FiveStatements());
        Assert.Equal((0, 3), (again.Body.GetProperty("stored").GetInt32(), again.Body.GetProperty("duplicates").GetInt32()));
        var stored = await WarningsAsync(viewer, tenant.EurAccount, "statement.other_account");
        Assert.Equal(3, stored.Count);
        Assert.Contains(stored, w => w.GetProperty("message").GetString()!.Contains("statement 4 (STMT1) is for account 'NL91ABNA0417164300'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_tenant_import_routes_every_statement_to_its_account_once_and_lists_the_unroutable()
    {
        var tenant = await host.CreateTenantWithAccountsAsync();
        using var admin = host.Client(tenant.Key("admin"));
        using var viewer = host.Client(tenant.Key("viewer"));
        var other = await RegisterOtherEurAccountAsync(admin);

        var first = await ImportTenantAsync(admin, FiveStatements());

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal((5, 4, 4), (first.Body.GetProperty("statements").GetInt32(), first.Body.GetProperty("entries").GetInt32(), first.Body.GetProperty("stored").GetInt32()));
        var accounts = first.Body.GetProperty("accounts").EnumerateArray().ToDictionary(a => a.GetProperty("accountId").GetString()!, a => a.GetProperty("import"));
        Assert.Equal(new[] { tenant.EurAccount, other }.Order(StringComparer.Ordinal), accounts.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(3, accounts[tenant.EurAccount].GetProperty("stored").GetInt32());
        Assert.Equal(1, accounts[other].GetProperty("stored").GetInt32());
        var unrouted = first.Body.GetProperty("unrouted").EnumerateArray().ToList();
        Assert.Equal([4, 5], unrouted.Select(u => u.GetProperty("index").GetInt32()));
        Assert.All(unrouted, u => Assert.Contains("none of the tenant's accounts", u.GetProperty("reason").GetString(), StringComparison.Ordinal));

        Assert.Equal(["MINE0001", "MINE0002", "MINE0003"], await ReferencesAsync(viewer, tenant.EurAccount));
        Assert.Equal(["OTHER0001"], await ReferencesAsync(viewer, other));
        Assert.Empty(await TransactionsAsync(viewer, tenant.CnyAccount));
        Assert.Equal(480.00m, decimal.Parse((await BalancesAsync(viewer, other)).GetProperty("booked").GetProperty("value").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Empty(await WarningsAsync(viewer, other, "statement.other_account"));

        var again = await ImportTenantAsync(admin, FiveStatements());
        Assert.Equal((0, 4), (again.Body.GetProperty("stored").GetInt32(), again.Body.GetProperty("duplicates").GetInt32()));
        // The per-account import of the same file agrees: nothing new, the other statements skipped.
        var perAccount = await ImportAsync(admin, other, FiveStatements());
        Assert.Equal((0, 1, 4), (perAccount.Body.GetProperty("stored").GetInt32(), perAccount.Body.GetProperty("duplicates").GetInt32(), perAccount.Body.GetProperty("skipped").GetArrayLength()));
        Assert.Equal(["OTHER0001"], await ReferencesAsync(viewer, other));
    }

    [Fact]
    public async Task A_real_legacy_rabobank_file_of_four_accounts_goes_to_the_two_the_tenant_has()
    {
        // zilverline/mt940 spec fixture (MIT): four accounts "1567.50.961EUR" … "1325.76.155EUR", the 4th statement behind
        // a DOS EOF byte. The tenant registered two of them by their bare account numbers.
        var file = await File.ReadAllTextAsync(BankFunctions.TestSupport.RepoPaths.Combine("tests", "TestData", "conformance", "mt940", "zilverline_rabobank_two_accounts.txt"));
        var tenant = await host.CreateTenantWithAccountsAsync();
        using var admin = host.Client(tenant.Key("admin"));
        using var viewer = host.Client(tenant.Key("viewer"));
        var first = await RegisterAsync(admin, "156750961");
        var fourth = await RegisterAsync(admin, "132576155");

        var imported = await ImportTenantAsync(admin, file);

        Assert.Equal(HttpStatusCode.OK, imported.Status);
        Assert.Equal((4, 3, 3), (imported.Body.GetProperty("statements").GetInt32(), imported.Body.GetProperty("entries").GetInt32(), imported.Body.GetProperty("stored").GetInt32()));
        Assert.Equal([2, 3], imported.Body.GetProperty("unrouted").EnumerateArray().Select(u => u.GetProperty("index").GetInt32()));
        Assert.Equal([-6098.75m, -500.00m], (await TransactionsAsync(viewer, first)).Select(Amount).Order());
        Assert.Equal([250.00m], (await TransactionsAsync(viewer, fourth)).Select(Amount));
        Assert.Equal(238.00m, decimal.Parse((await BalancesAsync(viewer, fourth)).GetProperty("booked").GetProperty("value").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(2666.37m, decimal.Parse((await BalancesAsync(viewer, first)).GetProperty("booked").GetProperty("value").GetString()!, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(0, (await ImportTenantAsync(admin, file)).Body.GetProperty("stored").GetInt32());
        Assert.Equal(3, (await TransactionsAsync(viewer, first)).Count + (await TransactionsAsync(viewer, fourth)).Count);

        static decimal Amount(JsonElement t) => decimal.Parse(t.GetProperty("amount").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task A_camt053_with_a_statement_per_account_is_routed_by_each_statements_iban()
    {
        var tenant = await host.CreateTenantWithAccountsAsync();
        using var admin = host.Client(tenant.Key("admin"));
        using var viewer = host.Client(tenant.Key("viewer"));
        var other = await RegisterOtherEurAccountAsync(admin);
        var mine = Camt(false, Iban, "STMT-A", 100m, [new("CAMT-A-1", -10m, Day, false), new("CAMT-A-2", 5m, Day, false)]);
        var theirs = Camt(false, OtherIban, "STMT-B", 200m, [new("CAMT-B-1", -30m, Day, false)]);
        // One document, two Stmt: the second document's Stmt spliced in after the first's.
        var stmtB = theirs[theirs.IndexOf("<Stmt>", StringComparison.Ordinal)..theirs.IndexOf("</BkToCstmrStmt>", StringComparison.Ordinal)];
        var file = mine.Replace("</BkToCstmrStmt>", stmtB + "</BkToCstmrStmt>", StringComparison.Ordinal);

        var imported = await ImportTenantAsync(admin, file);

        Assert.Equal(HttpStatusCode.OK, imported.Status);
        Assert.Equal("camt.053", imported.Body.GetProperty("format").GetString());
        Assert.Equal(["CAMT-A-1", "CAMT-A-2"], await ReferencesAsync(viewer, tenant.EurAccount));
        Assert.Equal(["CAMT-B-1"], await ReferencesAsync(viewer, other));
        Assert.Empty(imported.Body.GetProperty("unrouted").EnumerateArray());
    }

    [Fact]
    public async Task A_file_for_none_of_the_tenants_accounts_is_422_and_stores_nothing()
    {
        var tenant = await host.CreateTenantWithAccountsAsync();
        using var admin = host.Client(tenant.Key("admin"));
        using var viewer = host.Client(tenant.Key("viewer"));

        var refused = await ImportTenantAsync(admin, Mt940("NL91ABNA0417164300", 1, 10.00m, [new(Day, -1.00m, null, "NOBODY01", "x")]));
        var noAccount = await ImportTenantAsync(admin, ":20:NOACCOUNT\r\n:28C:1\r\n:60F:C261126EUR1,00\r\n:61:2611261126D1,00NTRFNONREF//NOACC1\r\n:62F:C261126EUR0,00\r\n-");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Status);
        Assert.Equal("https://bankfunctions.dev/problems/statement-mismatch", refused.Body.GetProperty("type").GetString());
        Assert.Contains("NL91ABNA0417164300", refused.Body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noAccount.Status);
        Assert.Contains("names no account", noAccount.Body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(await TransactionsAsync(viewer, tenant.EurAccount));
        Assert.Equal(HttpStatusCode.Forbidden, (await ImportTenantAsync(viewer, Mt940(Iban, 1, 1m, []))).Status);
    }

    private static async Task<string> RegisterOtherEurAccountAsync(HttpClient admin) => await RegisterAsync(admin, null, OtherIban);

    /// <summary>Another EUR account on the tenant's ISO bank connection, by account number or IBAN.</summary>
    private static async Task<string> RegisterAsync(HttpClient admin, string? accountNumber, string? iban = null)
    {
        var connections = (await admin.GetFromJsonAsync<JsonElement>("v1/bank-connections")).GetProperty("items").EnumerateArray();
        var iso = connections.First(c => c.GetProperty("bank").GetString() == "simbank-iso").GetProperty("id").GetString();
        var created = await HostFixture.PostJson(admin, "v1/accounts", new { bankConnectionId = iso, accountNumber, iban, currency = "EUR", name = "EUR " + (iban ?? accountNumber) });
        return created.GetProperty("id").GetString()!;
    }

    private static async Task<List<string?>> ReferencesAsync(HttpClient viewer, string account) =>
        (await TransactionsAsync(viewer, account)).Select(t => t.GetProperty("bankReference").GetString()).Order(StringComparer.Ordinal).ToList();

    internal static async Task<(HttpStatusCode Status, JsonElement Body, string Text)> ImportTenantAsync(HttpClient admin, string file)
    {
        using var content = new StringContent(file, Encoding.UTF8, "text/plain");
        var response = await admin.PostAsync("v1/statements", content);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement, text);
    }
}
