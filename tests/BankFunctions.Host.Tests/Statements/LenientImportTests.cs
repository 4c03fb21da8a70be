using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using static BankFunctions.Host.Tests.Statements.StatementFiles;
using static BankFunctions.Host.Tests.Statements.StatementImportApi;

namespace BankFunctions.Host.Tests.Statements;

/// <summary>
/// Issue #13: an import reads a known deviation with a warning (in the response and in /statement-warnings) and stores
/// the day's entries; with ?strict=true it refuses the file naming the place, and stores nothing.
/// </summary>
[Collection(HostCollection.Name)]
public sealed partial class LenientImportTests(HostFixture host)
{
    private const string Iban = "DE89370400440532013000";
    private const string Code = "balance.indicator_missing";
    private static readonly DateOnly Day = new(2026, 11, 27);

    /// <summary>A camt.053.001.08 day statement whose balances carry no CdtDbtInd, as the bank of issue #13 sends it.</summary>
    private static string StatementWithoutBalanceSigns() =>
        BalanceIndicator().Replace(Camt(false, Iban, "DAY-1127", 1000m, [new("REF-1", -1250.00m, Day, false), new("REF-2", 40.00m, Day, false)]), "");

    [Fact]
    public async Task A_statement_whose_balances_have_no_sign_is_imported_with_the_warning_and_the_derived_balance()
    {
        var tenant = await host.CreateTenantWithAccountsAsync();
        using var admin = host.Client(tenant.Key("admin"));
        using var viewer = host.Client(tenant.Key("viewer"));

        var imported = await ImportAsync(admin, tenant.EurAccount, StatementWithoutBalanceSigns());

        Assert.Equal(HttpStatusCode.OK, imported.Status);
        Assert.Equal(2, imported.Body.GetProperty("stored").GetInt32());
        var warning = Assert.Single(imported.Body.GetProperty("statements")[0].GetProperty("warnings").EnumerateArray());
        Assert.Equal(Code, warning.GetProperty("code").GetString());
        Assert.Contains("(CLBD -210.00 debit): signs derived from the statement's arithmetic", warning.GetProperty("message").GetString(), StringComparison.Ordinal);

        var stored = Assert.Single(await WarningsAsync(viewer, tenant.EurAccount, Code));
        Assert.Equal(warning.GetProperty("message").GetString(), stored.GetProperty("message").GetString());
        Assert.Equal(2, (await TransactionsAsync(viewer, tenant.EurAccount)).Count);
        // 1000 − 1250 + 40 = −210: the closing balance is a debit, which only the arithmetic could tell.
        var booked = (await BalancesAsync(viewer, tenant.EurAccount)).GetProperty("booked").GetProperty("value").GetString();
        Assert.Equal(-210m, decimal.Parse(booked!, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task With_strict_the_same_file_is_a_400_naming_the_balance_and_nothing_is_stored()
    {
        var tenant = await host.CreateTenantWithAccountsAsync();
        using var admin = host.Client(tenant.Key("admin"));
        using var viewer = host.Client(tenant.Key("viewer"));

        using var content = new StringContent(StatementWithoutBalanceSigns(), Encoding.UTF8, "text/plain");
        var response = await admin.PostAsync($"v1/accounts/{tenant.EurAccount}/statements?strict=true", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var detail = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString();
        Assert.Contains("/Document/BkToCstmrStmt/Stmt[1]/Bal[1]", detail, StringComparison.Ordinal);
        Assert.Contains("expected element CdtDbtInd (CRDT or DBIT), none found (refused in strict mode; lenient parsing reads it with warning balance.indicator_missing)", detail, StringComparison.Ordinal);
        Assert.Empty(await TransactionsAsync(viewer, tenant.EurAccount));
        Assert.Empty(await WarningsAsync(viewer, tenant.EurAccount, Code));
        var balances = await BalancesAsync(viewer, tenant.EurAccount);
        Assert.False(balances.TryGetProperty("booked", out var bookedBalance) && bookedBalance.ValueKind != JsonValueKind.Null);
    }

    /// <summary>CdtDbtInd of a balance (followed by its Dt), not of an entry (followed by Sts).</summary>
    [GeneratedRegex("<CdtDbtInd>(CRDT|DBIT)</CdtDbtInd>(?=<Dt>)")]
    private static partial Regex BalanceIndicator();
}
