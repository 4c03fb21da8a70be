using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using static BankFunctions.Host.Tests.Statements.StatementFiles;

namespace BankFunctions.Host.Tests.Statements;

/// <summary>
/// Several imports of overlapping files at once, on a day with more equal entries than one transaction holds (50):
/// every import answers 200 — or a problem with Retry-After, and the retry answers 200 —, never a 500; each booking
/// is stored once, and the imports' "stored" counts add up to the bookings stored.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class StatementConcurrentImportTests(HostFixture host)
{
    private const string Iban = "DE89370400440532013000"; // the EUR account of CreateTenantWithAccountsAsync
    private static readonly DateOnly Day = new(2026, 11, 26);
    private const int Imports = 6;

    [Fact]
    public async Task Concurrent_imports_of_a_day_of_many_equal_fees_without_references_store_each_fee_once()
    {
        var tenant = await host.CreateTenantWithAccountsAsync();
        using var admin = host.Client(tenant.Key("admin"));
        List<Line> Fees(int count) => Enumerable.Range(0, count).Select(_ => new Line(Day, -1.00m, null, null, "Card fee")).ToList();
        // The morning's 120 fees and the evening's 130 (the same 120 and ten more), imported six times at once.
        var files = new[] { Mt940(Iban, 1, 1000.00m, Fees(120)), Mt940(Iban, 1, 1000.00m, Fees(130)) };

        var stored = await Task.WhenAll(Enumerable.Range(0, Imports).Select(i => ImportUntilStoredAsync(admin, tenant.EurAccount, files[i % 2])));

        Assert.Equal(130, stored.Sum());
        using var viewer = host.Client(tenant.Key("viewer"));
        Assert.Equal(130, (await AllTransactionsAsync(viewer, tenant.EurAccount)).Count);
        var again = await ImportUntilStoredAsync(admin, tenant.EurAccount, files[1]);
        Assert.Equal(0, again);
    }

    [Fact]
    public async Task Concurrent_imports_of_a_day_of_many_equal_amounts_with_references_store_each_booking_once()
    {
        var tenant = await host.CreateTenantWithAccountsAsync();
        using var admin = host.Client(tenant.Key("admin"));
        // 120 bookings of the same amount, each with its own bank reference: entry and reference rows, 240 writes in one bucket.
        List<CamtEntry> Bookings(int count) => Enumerable.Range(0, count)
            .Select(i => new CamtEntry("REF" + i.ToString("D4", CultureInfo.InvariantCulture), -2.00m, Day, Pending: false)).ToList();
        var files = new[] { Camt(false, Iban, "STMT-A", 1000.00m, Bookings(120)), Camt(false, Iban, "STMT-B", 1000.00m, Bookings(130)) };

        var stored = await Task.WhenAll(Enumerable.Range(0, Imports).Select(i => ImportUntilStoredAsync(admin, tenant.EurAccount, files[i % 2])));

        Assert.Equal(130, stored.Sum());
        using var viewer = host.Client(tenant.Key("viewer"));
        var all = await AllTransactionsAsync(viewer, tenant.EurAccount);
        Assert.Equal(130, all.Count);
        Assert.Equal(130, all.Select(t => t.GetProperty("bankReference").GetString()).Distinct(StringComparer.Ordinal).Count());
        Assert.Empty(await StatementImportApi.WarningsAsync(viewer, tenant.EurAccount, "statement.conflict"));
    }

    /// <summary>Imports the file; a problem with Retry-After (contention) is retried, anything else but 200 fails the test. Returns "stored" of the 200.</summary>
    private static async Task<int> ImportUntilStoredAsync(HttpClient admin, string account, string file)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            using var content = new StringContent(file, Encoding.UTF8, "text/plain");
            using var response = await admin.PostAsync($"v1/accounts/{account}/statements", content);
            var text = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return JsonDocument.Parse(text).RootElement.GetProperty("stored").GetInt32();
            }
            Assert.True(response.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.Conflict, $"{(int)response.StatusCode}: {text}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.NotNull(response.Headers.RetryAfter);
        }
        Assert.Fail("The import did not succeed in 10 attempts.");
        return -1;
    }

    private static async Task<List<JsonElement>> AllTransactionsAsync(HttpClient viewer, string account)
    {
        var page = await viewer.GetFromJsonAsync<JsonElement>($"v1/accounts/{account}/transactions?limit=500");
        Assert.False(page.TryGetProperty("nextCursor", out var next) && next.ValueKind == JsonValueKind.String);
        return page.GetProperty("items").EnumerateArray().ToList();
    }
}
