using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using static BankFunctions.Host.Tests.Statements.StatementFiles;
using static BankFunctions.Host.Tests.Statements.StatementImportApi;

namespace BankFunctions.Host.Tests.Statements;

/// <summary>
/// MT942 intraday entries are pending; the day's MT940 and camt.053 book them (issue #13 item 3): each booking ends up
/// once, booked, with the full bank reference, whichever order the files come in.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class IntradayReplacementTests(HostFixture host)
{
    private const string Iban = "DE89370400440532013000";
    private static readonly DateOnly Day = new(2026, 11, 26);

    // Bank references as camt.053 gives them (AcctSvcrRef, 35x) and as MT940/MT942 :61: cut them (16x).
    private const string Full1 = "ACSR-2026-11-26-0000000001";
    private const string Full2 = "ACSR-2026-11-26-0000000002";
    private static readonly string Cut1 = Full1[..16];
    private static readonly string Cut2 = Full2[..16];

    /// <summary>An MT942 (SWIFT field layout, no FIN envelope): :34F: floor limit 0, :13D: creation time, the lines, :90D:/:90C: totals.</summary>
    private static string Mt942(IReadOnlyList<Line> lines)
    {
        static string Swift(decimal v) => Math.Abs(v).ToString("0.00", CultureInfo.InvariantCulture).Replace('.', ',');
        var text = new StringBuilder(":20:INTRA").Append(Day.ToString("yyMMdd", CultureInfo.InvariantCulture)).Append("\r\n:25:").Append(Iban).Append("\r\n:28C:1/1\r\n:34F:EUR0,\r\n:13D:")
            .Append(Day.ToString("yyMMdd", CultureInfo.InvariantCulture)).Append("1400+0100\r\n");
        foreach (var l in lines)
        {
            text.Append(":61:").Append(l.Date.ToString("yyMMddMMdd", CultureInfo.InvariantCulture)).Append(l.Amount < 0 ? "D" : "C").Append(Swift(l.Amount))
                .Append("NTRF").Append(l.CustomerReference ?? "NONREF").Append("//").Append(l.BankReference).Append("\r\n:86:").Append(l.Text).Append("\r\n");
        }
        var debits = lines.Where(l => l.Amount < 0).ToList();
        var credits = lines.Where(l => l.Amount >= 0).ToList();
        text.Append(":90D:").Append(debits.Count).Append("EUR").Append(Swift(debits.Sum(l => l.Amount))).Append("\r\n");
        text.Append(":90C:").Append(credits.Count).Append("EUR").Append(Swift(credits.Sum(l => l.Amount))).Append("\r\n-");
        return text.ToString();
    }

    private static readonly Line[] Intraday =
    [
        new(Day, -250.00m, "E2E0001", Cut1, "Invoice 4711"),
        new(Day, 100.00m, null, Cut2, "Incoming from ACME"),
    ];

    /// <summary>The day's final statement: the two intraday bookings and one booked after the MT942.</summary>
    private static readonly Line[] Final = [.. Intraday, new(Day, -3.20m, null, "LATE0001", "Card fee")];

    private static string Camt053() => Camt(false, Iban, "STMT-1126", 1000m,
        [new(Full1, -250.00m, Day, false, "E2E0001"), new(Full2, 100.00m, Day, false), new("LATE0001", -3.20m, Day, false)]);

    [Fact]
    public async Task Mt942_then_mt940_then_camt053_leaves_each_booking_once_booked_with_the_full_reference()
    {
        var tenant = await host.CreateTenantWithAccountsAsync();
        using var admin = host.Client(tenant.Key("admin"));
        using var viewer = host.Client(tenant.Key("viewer"));

        var intraday = await ImportAsync(admin, tenant.EurAccount, Mt942(Intraday));
        Assert.Equal(HttpStatusCode.OK, intraday.Status);
        Assert.Equal("mt942", intraday.Body.GetProperty("format").GetString());
        Assert.Equal(2, intraday.Body.GetProperty("stored").GetInt32());
        Assert.All(await TransactionsAsync(viewer, tenant.EurAccount), t => Assert.Equal("pending", t.GetProperty("status").GetString()));
        var report = intraday.Body.GetProperty("statements")[0];
        Assert.Empty(report.GetProperty("warnings").EnumerateArray()); // :90D:/:90C: agree with the entries
        Assert.Equal("0", report.GetProperty("floorLimits").GetProperty("debit").GetString());
        Assert.Equal("2026-11-26T14:00:00+01:00", report.GetProperty("createdAt").GetString());

        var final = await ImportAsync(admin, tenant.EurAccount, Mt940(Iban, 1, 1000m, Final));
        Assert.Equal((1, 2), (final.Body.GetProperty("stored").GetInt32(), final.Body.GetProperty("upgraded").GetInt32()));
        var camt = await ImportAsync(admin, tenant.EurAccount, Camt053());
        Assert.Equal(0, camt.Body.GetProperty("stored").GetInt32());

        await AssertBookedOnceAsync(viewer, tenant.EurAccount);
    }

    [Fact]
    public async Task Mt942_then_camt053_then_mt940_ends_the_same()
    {
        var tenant = await host.CreateTenantWithAccountsAsync();
        using var admin = host.Client(tenant.Key("admin"));
        using var viewer = host.Client(tenant.Key("viewer"));

        await ImportAsync(admin, tenant.EurAccount, Mt942(Intraday));
        var camt = await ImportAsync(admin, tenant.EurAccount, Camt053());
        Assert.Equal((1, 2), (camt.Body.GetProperty("stored").GetInt32(), camt.Body.GetProperty("upgraded").GetInt32()));
        var final = await ImportAsync(admin, tenant.EurAccount, Mt940(Iban, 1, 1000m, Final));
        Assert.Equal((0, 3), (final.Body.GetProperty("stored").GetInt32(), final.Body.GetProperty("duplicates").GetInt32()));
        // The MT942 again (a re-delivery) changes nothing: booked stays booked.
        var again = await ImportAsync(admin, tenant.EurAccount, Mt942(Intraday));
        Assert.Equal((0, 2), (again.Body.GetProperty("stored").GetInt32(), again.Body.GetProperty("duplicates").GetInt32()));

        await AssertBookedOnceAsync(viewer, tenant.EurAccount);
    }

    [Fact]
    public async Task A_pending_camt052_entry_booked_by_the_days_mt940_keeps_its_full_reference()
    {
        var tenant = await host.CreateTenantWithAccountsAsync();
        using var admin = host.Client(tenant.Key("admin"));
        using var viewer = host.Client(tenant.Key("viewer"));

        await ImportAsync(admin, tenant.EurAccount, Camt(true, Iban, "RPT-1126", 1000m, [new(Full1, -250.00m, Day, true, "E2E0001"), new(Full2, 100.00m, Day, true)]));
        var final = await ImportAsync(admin, tenant.EurAccount, Mt940(Iban, 1, 1000m, Final));
        Assert.Equal((1, 2), (final.Body.GetProperty("stored").GetInt32(), final.Body.GetProperty("upgraded").GetInt32()));

        await AssertBookedOnceAsync(viewer, tenant.EurAccount);
    }

    [Fact]
    public async Task Mt942_totals_that_disagree_with_its_entries_are_a_stored_warning()
    {
        var tenant = await host.CreateTenantWithAccountsAsync();
        using var admin = host.Client(tenant.Key("admin"));
        using var viewer = host.Client(tenant.Key("viewer"));
        var file = Mt942(Intraday).Replace(":90D:1EUR250,00", ":90D:2EUR260,00", StringComparison.Ordinal);

        var imported = await ImportAsync(admin, tenant.EurAccount, file);

        Assert.Equal(HttpStatusCode.OK, imported.Status);
        var statement = imported.Body.GetProperty("statements")[0];
        Assert.Contains(statement.GetProperty("warnings").EnumerateArray(), w => w.GetProperty("code").GetString() == "totals.mismatch");
        var stored = Assert.Single(await WarningsAsync(viewer, tenant.EurAccount, "totals.mismatch"));
        Assert.Contains(":90D: says 2 debits totalling 260.00, entries have 1 totalling 250.00", stored.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private static async Task AssertBookedOnceAsync(HttpClient viewer, string account)
    {
        var items = await TransactionsAsync(viewer, account);
        Assert.Equal(3, items.Count);
        Assert.All(items, t => Assert.Equal("booked", t.GetProperty("status").GetString()));
        Assert.Equal([Full1, Full2, "LATE0001"], items.Select(t => t.GetProperty("bankReference").GetString()).Order(StringComparer.Ordinal));
        var invoice = items.Single(t => t.GetProperty("bankReference").GetString() == Full1);
        Assert.True(invoice.GetProperty("endToEndId").GetString() == "E2E0001" || invoice.GetProperty("customerReference").GetString() == "E2E0001", invoice.ToString());
    }
}
