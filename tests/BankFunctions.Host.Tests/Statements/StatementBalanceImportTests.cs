using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using static BankFunctions.Host.Tests.Statements.StatementFiles;
using static BankFunctions.Host.Tests.Statements.StatementImportApi;

namespace BankFunctions.Host.Tests.Statements;

/// <summary>What an imported statement may do to an account's balances, and how the import answers (issue #19 items 3, 9, 10).</summary>
[Collection(HostCollection.Name)]
public sealed class StatementBalanceImportTests(HostFixture host)
{
    private const string Iban = "DE89370400440532013000";
    private static readonly DateOnly Today = new(2026, 11, 27);

    [Fact]
    public async Task A_statement_whose_balances_are_in_another_currency_is_a_422_naming_it_and_changes_no_balance()
    {
        var tenant = await host.CreateTenantWithAccountsAsync();
        using var admin = host.Client(tenant.Key("admin"));
        using var viewer = host.Client(tenant.Key("viewer"));
        await ImportAsync(admin, tenant.EurAccount, Camt(true, Iban, "RPT-EUR", 500m, [new("R1", -40m, Today, false)]));

        var foreign = await ImportAsync(admin, tenant.EurAccount,
            Camt(false, Iban, "STMT-SEK", 9000m, [new("R2", -1m, Today, false)], openingCurrency: "SEK", closingCurrency: "JPY"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, foreign.Status);
        var detail = foreign.Body.GetProperty("detail").GetString()!;
        Assert.Contains("STMT-SEK", detail, StringComparison.Ordinal);
        Assert.Contains("SEK", detail, StringComparison.Ordinal);
        Assert.Contains("JPY", detail, StringComparison.Ordinal);
        var balances = await BalancesAsync(viewer, tenant.EurAccount);
        Assert.Equal("460", Trim(balances.GetProperty("booked").GetProperty("value").GetString()!));
        Assert.Single(await TransactionsAsync(viewer, tenant.EurAccount));
    }

    [Fact]
    public async Task A_balance_older_than_the_one_shown_never_replaces_it_and_each_keeps_its_own_date_and_source()
    {
        var tenant = await host.CreateTenantWithAccountsAsync();
        using var admin = host.Client(tenant.Key("admin"));
        using var viewer = host.Client(tenant.Key("viewer"));
        // Today's intraday report: a booked balance, no available one.
        await ImportAsync(admin, tenant.EurAccount, Camt(true, Iban, "RPT-TODAY", 500m, [new("R1", -40m, Today, false)]));

        // A 2014 statement with closing booked (:62F:) and available (:64:) balances.
        var old = await ImportAsync(admin, tenant.EurAccount, Mt940(Iban, 3, 7000m, [new(new DateOnly(2014, 5, 6), -1m, null, "OLD1", "2014")]));
        Assert.Equal(HttpStatusCode.OK, old.Status);

        var balances = await BalancesAsync(viewer, tenant.EurAccount);
        var booked = balances.GetProperty("booked");
        Assert.Equal("460", Trim(booked.GetProperty("value").GetString()!));
        Assert.Equal("2026-11-27", booked.GetProperty("date").GetString());
        Assert.Contains("RPT-TODAY", booked.GetProperty("source").GetString(), StringComparison.Ordinal);
        Assert.True(!balances.TryGetProperty("available", out var available) || available.ValueKind == JsonValueKind.Null, balances.ToString());

        // A later statement sets both, each with its own date and source.
        await ImportAsync(admin, tenant.EurAccount, Mt940(Iban, 4, 460m, [new(Today.AddDays(1), -10m, null, "NEXT1", "next day")]));
        balances = await BalancesAsync(viewer, tenant.EurAccount);
        foreach (var kind in new[] { "booked", "available" })
        {
            Assert.Equal("450", Trim(balances.GetProperty(kind).GetProperty("value").GetString()!));
            Assert.Equal("2026-11-28", balances.GetProperty(kind).GetProperty("date").GetString());
            Assert.Contains("mt940 STMT4", balances.GetProperty(kind).GetProperty("source").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_import_response_shows_statement_balances_as_decimal_strings_with_their_currency()
    {
        var tenant = await host.CreateTenantWithAccountsAsync();
        using var admin = host.Client(tenant.Key("admin"));

        var imported = await ImportAsync(admin, tenant.EurAccount, Mt940(Iban, 1, 1000.10m, [new(Today, -0.10m, null, "B1", "fee")]));

        var statement = imported.Body.GetProperty("statements")[0];
        foreach (var (name, value) in new[] { ("openingBalance", "1000.10"), ("closingBalance", "1000.00") })
        {
            var balance = statement.GetProperty(name);
            Assert.Equal(JsonValueKind.String, balance.GetProperty("value").ValueKind);
            Assert.Equal(decimal.Parse(value, CultureInfo.InvariantCulture), decimal.Parse(balance.GetProperty("value").GetString()!, CultureInfo.InvariantCulture));
            Assert.Equal("EUR", balance.GetProperty("currency").GetString());
            Assert.Equal("2026-11-27", balance.GetProperty("date").GetString());
        }
        Assert.DoesNotMatch("\"value\":\\s*[0-9-]", imported.Text);
    }

    [Fact]
    public async Task A_422_for_a_file_of_many_foreign_statements_names_the_first_ten_and_counts_the_rest()
    {
        var tenant = await host.CreateTenantWithAccountsAsync();
        using var admin = host.Client(tenant.Key("admin"));
        var file = new StringBuilder();
        for (var i = 1; i <= 400; i++)
        {
            file.Append(Mt940("DE44500105175407324931", i, 100m, [new(Today, -1m, null, $"F{i}", "foreign")], currency: "USD")).Append("\r\n");
        }

        var refused = await ImportAsync(admin, tenant.EurAccount, file.ToString());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Status);
        Assert.True(refused.Text.Length < 8_000, $"{refused.Text.Length} characters");
        var messages = refused.Body.GetProperty("errors").GetProperty("body").EnumerateArray().Select(m => m.GetString()!).ToList();
        Assert.Equal(11, messages.Count);
        Assert.Contains("390 more", messages[^1], StringComparison.Ordinal);
        Assert.Single(messages, m => m.StartsWith("statement 1 (STMT1)", StringComparison.Ordinal));
        Assert.Contains("400 of the file's 400 statements", refused.Body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static string Trim(string value) => value.Contains('.', StringComparison.Ordinal) ? value.TrimEnd('0').TrimEnd('.') : value;
}
