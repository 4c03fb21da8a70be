using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using static BankFunctions.Host.Tests.Statements.StatementFiles;

namespace BankFunctions.Host.Tests.Statements;

/// <summary>POST /v1/accounts/{id}/statements and what it leaves behind: entries once, balances, warnings, precise errors.</summary>
[Collection(HostCollection.Name)]
public sealed class StatementImportTests(HostFixture host)
{
    [Fact]
    public async Task An_mt940_file_is_stored_once_listed_newest_first_and_sets_the_balances()
    {
        var tenant = await host.CreateTenantWithAccountsAsync();
        using var admin = host.Client(tenant.Key("admin"));
        var file = Mt940(EurIban, 1, 1000.00m, ThreeLines);

        var first = await ImportAsync(admin, tenant.EurAccount, file);
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal("mt940", first.Body.GetProperty("format").GetString());
        Assert.Equal(3, first.Body.GetProperty("entries").GetInt32());
        Assert.Equal(3, first.Body.GetProperty("stored").GetInt32());

        var again = await ImportAsync(admin, tenant.EurAccount, file);
        Assert.Equal(0, again.Body.GetProperty("stored").GetInt32());
        Assert.Equal(3, again.Body.GetProperty("duplicates").GetInt32());

        using var viewer = host.Client(tenant.Key("viewer"));
        var all = await viewer.GetFromJsonAsync<JsonElement>($"v1/accounts/{tenant.EurAccount}/transactions");
        var items = all.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(3, items.Count);
        Assert.Equal("2026-11-27", items[0].GetProperty("bookingDate").GetString());
        Assert.Equal("-12.5", items[0].GetProperty("amount").GetString()!.TrimEnd('0'));
        Assert.All(items.Skip(1), i => Assert.Equal("2026-11-26", i.GetProperty("bookingDate").GetString()));
        Assert.Contains(items, i => i.GetProperty("bankReference").GetString() == "BREF0001" && i.GetProperty("customerReference").GetString() == "E2E0001");

        // Paging and a date window.
        var page1 = await viewer.GetFromJsonAsync<JsonElement>($"v1/accounts/{tenant.EurAccount}/transactions?limit=2");
        Assert.Equal(2, page1.GetProperty("items").GetArrayLength());
        var cursor = page1.GetProperty("nextCursor").GetString();
        var page2 = await viewer.GetFromJsonAsync<JsonElement>($"v1/accounts/{tenant.EurAccount}/transactions?limit=2&cursor={cursor}");
        Assert.Equal(1, page2.GetProperty("items").GetArrayLength());
        var day1 = await viewer.GetFromJsonAsync<JsonElement>($"v1/accounts/{tenant.EurAccount}/transactions?from=2026-11-26&to=2026-11-26");
        Assert.Equal(2, day1.GetProperty("items").GetArrayLength());
        var none = await viewer.GetFromJsonAsync<JsonElement>($"v1/accounts/{tenant.EurAccount}/transactions?from=2026-11-28");
        Assert.Equal(0, none.GetProperty("items").GetArrayLength());

        var balances = await viewer.GetFromJsonAsync<JsonElement>($"v1/accounts/{tenant.EurAccount}/balances");
        Assert.Equal(837.50m, decimal.Parse(balances.GetProperty("booked").GetProperty("value").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("2026-11-27", balances.GetProperty("booked").GetProperty("date").GetString());
        Assert.Equal(837.50m, decimal.Parse(balances.GetProperty("available").GetProperty("value").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("mt940", balances.GetProperty("booked").GetProperty("source").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Identical_entries_without_references_are_both_kept_and_not_duplicated_on_reimport()
    {
        var tenant = await host.CreateTenantWithAccountsAsync();
        using var admin = host.Client(tenant.Key("admin"));
        var twoCoffees = Mt940(EurIban, 1, 100.00m, [new(Day1, -3.20m, null, null, "Coffee"), new(Day1, -3.20m, null, null, "Coffee")]);

        Assert.Equal(2, (await ImportAsync(admin, tenant.EurAccount, twoCoffees)).Body.GetProperty("stored").GetInt32());
        var again = await ImportAsync(admin, tenant.EurAccount, twoCoffees);
        Assert.Equal(0, again.Body.GetProperty("stored").GetInt32());
        Assert.Equal(2, again.Body.GetProperty("duplicates").GetInt32());
    }

    [Fact]
    public async Task A_day_of_many_equal_fees_keeps_each_and_a_longer_report_of_the_day_adds_only_the_new_one()
    {
        var tenant = await host.CreateTenantWithAccountsAsync();
        using var admin = host.Client(tenant.Key("admin"));
        // More equal entries than one transaction holds (50): the bucket is stored and re-read in several steps.
        Line Fee(int _) => new(Day1, -1.00m, null, null, "Card fee");
        var morning = Mt940(EurIban, 1, 1000.00m, Enumerable.Range(0, 120).Select(Fee).ToList());
        var evening = Mt940(EurIban, 1, 1000.00m, Enumerable.Range(0, 121).Select(Fee).ToList());

        Assert.Equal(120, (await ImportAsync(admin, tenant.EurAccount, morning)).Body.GetProperty("stored").GetInt32());
        var again = await ImportAsync(admin, tenant.EurAccount, morning);
        Assert.Equal((0, 120), (again.Body.GetProperty("stored").GetInt32(), again.Body.GetProperty("duplicates").GetInt32()));
        var later = await ImportAsync(admin, tenant.EurAccount, evening);
        Assert.Equal((1, 120), (later.Body.GetProperty("stored").GetInt32(), later.Body.GetProperty("duplicates").GetInt32()));
    }

    [Fact]
    public async Task A_pending_intraday_entry_becomes_booked_when_the_statement_arrives_and_is_stored_once()
    {
        var tenant = await host.CreateTenantWithAccountsAsync();
        using var admin = host.Client(tenant.Key("admin"));
        var report = Camt(report: true, EurIban, "RPT1", 500m, [new("ACCT-REF-1", -40m, Day2, Pending: true), new("ACCT-REF-2", 10m, Day2, Pending: false)]);
        var statement = Camt(report: false, EurIban, "STMT1", 500m, [new("ACCT-REF-1", -40m, Day2, Pending: false), new("ACCT-REF-2", 10m, Day2, Pending: false)]);

        Assert.Equal(2, (await ImportAsync(admin, tenant.EurAccount, report)).Body.GetProperty("stored").GetInt32());
        var booked = await ImportAsync(admin, tenant.EurAccount, statement);
        Assert.Equal(0, booked.Body.GetProperty("stored").GetInt32());
        Assert.Equal(1, booked.Body.GetProperty("upgraded").GetInt32());
        Assert.Equal(1, booked.Body.GetProperty("duplicates").GetInt32());

        using var viewer = host.Client(tenant.Key("viewer"));
        var items = (await viewer.GetFromJsonAsync<JsonElement>($"v1/accounts/{tenant.EurAccount}/transactions")).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, items.Count);
        Assert.All(items, i => Assert.Equal("booked", i.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task Sequence_gaps_and_imbalanced_statements_raise_warnings()
    {
        var tenant = await host.CreateTenantWithAccountsAsync();
        using var admin = host.Client(tenant.Key("admin"));
        await ImportAsync(admin, tenant.EurAccount, Mt940(EurIban, 7, 100m, [new(Day1, -1m, null, "S7E1", "x")]));
        await ImportAsync(admin, tenant.EurAccount, Mt940(EurIban, 9, 99m, [new(Day2, -1m, null, "S9E1", "y")]));
        await ImportAsync(admin, tenant.EurAccount, Mt940(EurIban, 10, 98m, [new(Day2, -1m, null, "S10E1", "z")], closingOverride: 500m));

        using var viewer = host.Client(tenant.Key("viewer"));
        var warnings = (await viewer.GetFromJsonAsync<JsonElement>($"v1/accounts/{tenant.EurAccount}/statement-warnings")).GetProperty("items").EnumerateArray().ToList();
        var gap = Assert.Single(warnings, w => w.GetProperty("code").GetString() == "sequence-gap");
        Assert.Contains("9 follows 7", gap.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Single(warnings, w => w.GetProperty("code").GetString() == "balance.mismatch");
    }

    [Fact]
    public async Task A_file_that_cannot_be_read_is_a_precise_400_and_stores_nothing()
    {
        var tenant = await host.CreateTenantWithAccountsAsync();
        using var admin = host.Client(tenant.Key("admin"));
        var broken = Mt940(EurIban, 1, 1000.00m, ThreeLines).Replace(":61:2611261126C100,00", ":61:26XX261126C100,00", StringComparison.Ordinal);

        var response = await ImportAsync(admin, tenant.EurAccount, broken);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("https://bankfunctions.dev/problems/statement-format", response.Body.GetProperty("type").GetString());
        Assert.Contains("line", response.Body.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        await AssertNoTransactionsAsync(tenant);
    }

    [Fact]
    public async Task A_file_for_another_account_or_currency_is_422_and_stores_nothing()
    {
        var tenant = await host.CreateTenantWithAccountsAsync();
        using var admin = host.Client(tenant.Key("admin"));

        var other = await ImportAsync(admin, tenant.EurAccount, Mt940("DE44500105175407324931", 1, 1000.00m, ThreeLines));
        var currency = await ImportAsync(admin, tenant.EurAccount, Mt940(EurIban, 1, 1000.00m, ThreeLines, currency: "USD"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.Status);
        Assert.Contains("DE44500105175407324931", other.Body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, currency.Status);
        Assert.Contains("USD", currency.Body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await AssertNoTransactionsAsync(tenant);
    }

    [Fact]
    public async Task Empty_and_oversized_bodies_are_refused()
    {
        var tenant = await host.CreateTenantWithAccountsAsync();
        using var admin = host.Client(tenant.Key("admin"));

        Assert.Equal(HttpStatusCode.BadRequest, (await ImportAsync(admin, tenant.EurAccount, "")).Status);
        using var huge = new StreamContent(new RepeatingStream(50L * 1024 * 1024 + 1));
        huge.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        var response = await admin.PostAsync($"v1/accounts/{tenant.EurAccount}/statements", huge);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Bad_queries_are_field_errors_and_another_tenants_account_is_404()
    {
        var tenant = await host.CreateTenantWithAccountsAsync();
        var other = await host.CreateTenantWithAccountsAsync();
        using var viewer = host.Client(tenant.Key("viewer"));
        using var admin = host.Client(tenant.Key("admin"));

        var bad = await viewer.GetAsync($"v1/accounts/{tenant.EurAccount}/transactions?from=2026-13-01&to=yesterday&matched=maybe");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("from", out _) && errors.TryGetProperty("to", out _) && errors.TryGetProperty("matched", out _), errors.ToString());
        var reversed = await viewer.GetAsync($"v1/accounts/{tenant.EurAccount}/transactions?from=2026-11-27&to=2026-11-26");
        Assert.Equal(HttpStatusCode.BadRequest, reversed.StatusCode);

        foreach (var path in new[] { "transactions", "balances", "statement-warnings" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await viewer.GetAsync($"v1/accounts/{other.EurAccount}/{path}")).StatusCode);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await ImportAsync(admin, other.EurAccount, Mt940(EurIban, 1, 1m, ThreeLines))).Status);

        using var content = new StringContent(Mt940(EurIban, 1, 1000.00m, ThreeLines), Encoding.UTF8, "text/plain");
        var strict = await admin.PostAsync($"v1/accounts/{tenant.EurAccount}/statements?strict=maybe", content);
        Assert.Equal(HttpStatusCode.BadRequest, strict.StatusCode);
        Assert.True((await strict.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("strict", out _));
        await AssertNoTransactionsAsync(tenant);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync($"v1/accounts/{other.EurAccount}/refresh", null)).StatusCode);
    }

    private async Task AssertNoTransactionsAsync(TestTenant tenant)
    {
        using var viewer = host.Client(tenant.Key("viewer"));
        var list = await viewer.GetFromJsonAsync<JsonElement>($"v1/accounts/{tenant.EurAccount}/transactions");
        Assert.Equal(0, list.GetProperty("items").GetArrayLength());
        var balances = await viewer.GetFromJsonAsync<JsonElement>($"v1/accounts/{tenant.EurAccount}/balances");
        Assert.False(balances.TryGetProperty("booked", out var booked) && booked.ValueKind != JsonValueKind.Null);
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> ImportAsync(HttpClient client, string account, string file)
    {
        using var content = new StringContent(file, Encoding.UTF8, "text/plain");
        var response = await client.PostAsync($"v1/accounts/{account}/statements", content);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement);
    }

    /// <summary>A body of any length without holding it in memory.</summary>
    private sealed class RepeatingStream(long length) : Stream
    {
        private long _position;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => length;
        public override long Position { get => _position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - _position);
            Array.Fill(buffer, (byte)'x', offset, n);
            _position += n;
            return n;
        }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
