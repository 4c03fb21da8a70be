using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BankFunctions.Formats.Statements;
using BankSim.Iso;
using static BankFunctions.Host.Tests.Reconciliation.ReconciliationApi;

namespace BankFunctions.Host.Tests.Reconciliation;

/// <summary>
/// GET /v1/accounts/{id}/reconciliation and …/transactions/export against Azurite, over statements imported through the
/// API: per-day balances and tallies, CSV, camt.053 (XSD-valid, read back), idempotent ingest, bad input, tenants.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class ReconciliationRoutesTests(HostFixture host, Xunit.Abstractions.ITestOutputHelper output)
{
    private const string Iban = "DE89370400440532013000";

    private static readonly string TwoDays = Camt053(Iban,
        ("2026-11-02", 1000.00m, [new Booked(250.00m, "R1", "ACME GmbH", "INV 1"), new Booked(-50.00m, "R2", "=cmd Corp", "fee, monthly")]),
        ("2026-11-03", 1200.00m, [new Booked(-100.00m, "R3", "Beta BV", "rent")]));

    [Fact]
    public async Task The_report_gives_each_days_statement_balances_and_tallies_as_json_and_csv_and_a_second_import_changes_nothing()
    {
        var tenant = await host.CreateTenantWithAccountsAsync();
        using var admin = host.Client(tenant.Key("admin"));
        using var viewer = host.Client(tenant.Key("viewer"));
        await ImportAsync(admin, tenant.EurAccount, TwoDays);

        var report = await ReportJsonAsync(viewer, tenant.EurAccount, "2026-11-02", "2026-11-04");

        Assert.Equal((tenant.EurAccount, "EUR", "2026-11-02", "2026-11-04"), (report.GetProperty("accountId").GetString(), report.GetProperty("currency").GetString(),
            report.GetProperty("from").GetString(), report.GetProperty("to").GetString()));
        var days = report.GetProperty("days").EnumerateArray().ToList();
        Assert.Equal(["2026-11-02", "2026-11-03", "2026-11-04"], days.Select(d => d.GetProperty("date").GetString()));
        Assert.Equal(("1000.00", "1200.00", "0.00", "camt.053 S-2026-11-02"), (S(days[0], "openingBooked"), S(days[0], "closingBooked"), S(days[0], "unexplained"), S(days[0], "closingSource")));
        Assert.Equal((0, "0.00", 2, "200.00", 0, "0.00"), Tallies(days[0]));
        Assert.Equal(("1200.00", "1100.00", "0.00"), (S(days[1], "openingBooked"), S(days[1], "closingBooked"), S(days[1], "unexplained")));
        Assert.Equal((0, "0.00", 1, "-100.00", 0, "0.00"), Tallies(days[1]));
        Assert.False(days[2].TryGetProperty("openingBooked", out _));
        Assert.False(days[2].TryGetProperty("unexplained", out _));
        Assert.Equal((0, "0.00", 0, "0.00", 0, "0.00"), Tallies(days[2]));

        var (csvResponse, csv) = await GetTextAsync(viewer, Report(tenant.EurAccount, "2026-11-02", "2026-11-04"), "text/csv");
        Assert.Equal(HttpStatusCode.OK, csvResponse.StatusCode);
        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType!.MediaType);
        Assert.Equal(
            "date,currency,opening_booked,closing_booked,matched_count,matched_sum,unmatched_count,unmatched_sum,pending_count,pending_sum,unexplained,opening_source,closing_source\r\n" +
            "2026-11-02,EUR,1000.00,1200.00,0,0.00,2,200.00,0,0.00,0.00,camt.053 S-2026-11-02,camt.053 S-2026-11-02\r\n" +
            "2026-11-03,EUR,1200.00,1100.00,0,0.00,1,-100.00,0,0.00,0.00,camt.053 S-2026-11-03,camt.053 S-2026-11-03\r\n" +
            "2026-11-04,EUR,,,0,0.00,0,0.00,0,0.00,,,\r\n", csv);

        // The same file again: nothing stored twice, no balance moved.
        var before = (await GetTextAsync(viewer, Report(tenant.EurAccount, "2026-11-02", "2026-11-04"))).Body;
        var again = await ImportAsync(admin, tenant.EurAccount, TwoDays);
        Assert.Equal(0, again.GetProperty("stored").GetInt32());
        Assert.Equal(before, (await GetTextAsync(viewer, Report(tenant.EurAccount, "2026-11-02", "2026-11-04"))).Body);
    }

    [Fact]
    public async Task The_export_writes_csv_oldest_first_and_a_camt053_that_is_valid_and_reads_back_to_the_stored_entries()
    {
        var tenant = await host.CreateTenantWithAccountsAsync();
        using var admin = host.Client(tenant.Key("admin"));
        using var viewer = host.Client(tenant.Key("viewer"));
        await ImportAsync(admin, tenant.EurAccount, TwoDays);

        var (csvResponse, csv) = await GetTextAsync(viewer, Export(tenant.EurAccount, "2026-11-01", "2026-11-30", "csv"));
        Assert.Equal(HttpStatusCode.OK, csvResponse.StatusCode);
        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", csvResponse.Content.Headers.ContentDisposition!.DispositionType);
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("id,booking_date,value_date,status,amount,currency,matched,payment_ids,bank_reference,end_to_end_id,customer_reference,uetr," +
            "counterparty_name,counterparty_account,counterparty_bank,remittance_information,bank_transaction_code,is_reversal,return_reason", lines[0]);
        Assert.Equal(4, lines.Length);
        Assert.Equal(["2026-11-02", "2026-11-02", "2026-11-03"], lines[1..].Select(l => l.Split(',')[1]));
        Assert.Contains(",booked,-50.00,EUR,false,,R2,,,,'=cmd Corp,,,\"fee, monthly\",PMNT-RCDT-ESCT,false,", csv, StringComparison.Ordinal);

        var (xmlResponse, xml) = await GetTextAsync(viewer, Export(tenant.EurAccount, "2026-11-02", "2026-11-03", "camt.053"));
        Assert.Equal(HttpStatusCode.OK, xmlResponse.StatusCode);
        Assert.Equal("application/xml", xmlResponse.Content.Headers.ContentType!.MediaType);
        var bytes = Encoding.UTF8.GetBytes(xml);
        Assert.Equal([], Schemas.Validate(bytes, Schemas.Camt053V08));
        var statement = Assert.Single(StatementParser.Parse(new MemoryStream(bytes), "export.xml").Statements);
        Assert.Equal((1000.00m, 1100.00m), (statement.OpeningBalance!.Value, statement.ClosingBalance!.Value));
        Assert.Empty(statement.Warnings);
        var stored = (await viewer.GetFromJsonAsync<JsonElement>($"v1/accounts/{tenant.EurAccount}/transactions")).GetProperty("items").EnumerateArray()
            .Select(t => (decimal.Parse(t.GetProperty("amount").GetString()!, System.Globalization.CultureInfo.InvariantCulture), t.GetProperty("bookingDate").GetString(),
                t.GetProperty("bankReference").GetString(), t.GetProperty("counterparty").GetProperty("name").GetString(), t.GetProperty("remittanceInformation").GetString()))
            .OrderBy(t => t.Item3, StringComparer.Ordinal);
        var exported = statement.Entries.Select(e => (e.Amount, e.BookingDate?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), e.BankReference,
            e.Counterparty?.Name, e.RemittanceInformation)).OrderBy(t => t.BankReference, StringComparer.Ordinal);
        Assert.Equal(stored, exported);
    }

    [Fact]
    public async Task A_camt053_export_without_the_windows_booked_balances_is_refused_and_says_which()
    {
        var tenant = await host.CreateTenantWithAccountsAsync();
        using var admin = host.Client(tenant.Key("admin"));
        using var viewer = host.Client(tenant.Key("viewer"));
        await ImportAsync(admin, tenant.EurAccount, TwoDays);

        var (response, body) = await GetTextAsync(viewer, Export(tenant.EurAccount, "2026-11-03", "2026-11-04", "camt.053"));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("the booked closing balance of 2026-11-04", body, StringComparison.Ordinal);
        Assert.DoesNotContain("opening", JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString()!.Split(", and no")[0], StringComparison.Ordinal);
        // The day before closes at the balance the window opens with: 11-02's closing opens 11-03.
        Assert.Equal(HttpStatusCode.OK, (await GetTextAsync(viewer, Export(tenant.EurAccount, "2026-11-03", "2026-11-03", "camt.053"))).Response.StatusCode);
    }

    [Fact]
    public async Task A_full_year_window_streams_every_day_in_json_and_csv()
    {
        var tenant = await host.CreateTenantWithAccountsAsync();
        using var admin = host.Client(tenant.Key("admin"));
        using var viewer = host.Client(tenant.Key("viewer"));
        await ImportAsync(admin, tenant.EurAccount, TwoDays);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var report = await ReportJsonAsync(viewer, tenant.EurAccount, "2026-01-01", "2027-01-01");
        var jsonTime = clock.Elapsed;
        var (_, csv) = await GetTextAsync(viewer, Report(tenant.EurAccount, "2026-01-01", "2027-01-01"), "text/csv");
        var csvTime = clock.Elapsed - jsonTime;
        var (_, export) = await GetTextAsync(viewer, Export(tenant.EurAccount, "2026-01-01", "2027-01-01", "csv"));
        output.WriteLine($"366 days on Azurite: report JSON {jsonTime.TotalMilliseconds:F0} ms, CSV {csvTime.TotalMilliseconds:F0} ms, export CSV {(clock.Elapsed - jsonTime - csvTime).TotalMilliseconds:F0} ms");

        var days = report.GetProperty("days").EnumerateArray().ToList();
        Assert.Equal(366, days.Count);
        Assert.Equal(("2026-01-01", "2027-01-01"), (days[0].GetProperty("date").GetString(), days[^1].GetProperty("date").GetString()));
        Assert.Equal(3, days.Sum(d => d.GetProperty("unmatched").GetProperty("count").GetInt32()));
        Assert.Equal(367, csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(4, export.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Theory]
    [InlineData("reconciliation?to=2026-11-02", "from", "is required (yyyy-MM-dd).")]
    [InlineData("reconciliation?from=2026-11-02", "to", "is required (yyyy-MM-dd).")]
    [InlineData("reconciliation?from=2026-13-01&to=2026-11-02", "from", "must be a date, yyyy-MM-dd.")]
    [InlineData("reconciliation?from=2026-11-03&to=2026-11-02", "from", "must not be after 'to'.")]
    [InlineData("reconciliation?from=2025-01-01&to=2026-01-02", "to", "must be at most 366 days from 'from' counting both (asked: 367); ask for several windows.")]
    [InlineData("transactions/export?from=2026-11-01&to=2026-11-02&format=xml", "format", "must be csv or camt.053.")]
    [InlineData("transactions/export?from=2026-11-01&to=2027-11-02", "to", "must be at most 366 days from 'from' counting both (asked: 367); ask for several windows.")]
    [InlineData("transactions/export?from=yesterday&to=2026-11-02&format=camt.053", "from", "must be a date, yyyy-MM-dd.")]
    public async Task Bad_input_is_a_400_naming_the_field(string route, string field, string message)
    {
        var tenant = await host.CreateTenantWithAccountsAsync();
        using var viewer = host.Client(tenant.Key("viewer"));

        var (response, body) = await GetTextAsync(viewer, $"v1/accounts/{tenant.EurAccount}/{route}", "text/csv");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal([message], JsonDocument.Parse(body).RootElement.GetProperty("errors").GetProperty(field).EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Another_tenants_account_is_not_found_on_both_routes()
    {
        var owner = await host.CreateTenantWithAccountsAsync();
        using var admin = host.Client(owner.Key("admin"));
        await ImportAsync(admin, owner.EurAccount, TwoDays);
        var other = await host.CreateTenantWithAccountsAsync();
        using var stranger = host.Client(other.Key("viewer"));

        foreach (var (path, accept) in new[]
        {
            (Report(owner.EurAccount, "2026-11-02", "2026-11-03"), (string?)null),
            (Report(owner.EurAccount, "2026-11-02", "2026-11-03"), "text/csv"),
            (Export(owner.EurAccount, "2026-11-02", "2026-11-03", "csv"), null),
            (Export(owner.EurAccount, "2026-11-02", "2026-11-03", "camt.053"), null),
        })
        {
            var (response, body) = await GetTextAsync(stranger, path, accept);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path}: {(int)response.StatusCode} {body}");
            Assert.DoesNotContain("1000.00", body, StringComparison.Ordinal);
        }
        // The stranger's own account of the same IBAN shows none of the owner's data.
        var own = await ReportJsonAsync(stranger, other.EurAccount, "2026-11-02", "2026-11-03");
        Assert.All(own.GetProperty("days").EnumerateArray(), d => Assert.False(d.TryGetProperty("openingBooked", out _)));
    }

    private static string? S(JsonElement e, string name) => e.TryGetProperty(name, out var v) ? v.GetString() : null;

    private static (int, string?, int, string?, int, string?) Tallies(JsonElement day) =>
        (day.GetProperty("matched").GetProperty("count").GetInt32(), day.GetProperty("matched").GetProperty("sum").GetString(),
         day.GetProperty("unmatched").GetProperty("count").GetInt32(), day.GetProperty("unmatched").GetProperty("sum").GetString(),
         day.GetProperty("pending").GetProperty("count").GetInt32(), day.GetProperty("pending").GetProperty("sum").GetString());
}
