using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BankFunctions.TestSupport;
using static BankFunctions.Host.Tests.Payments.PaymentApi;

namespace BankFunctions.Host.Tests.EndToEnd;

/// <summary>
/// One day at BankSim in every format it serves — camt.053 (day statement), camt.052 (intraday report), camt.054
/// (notifications), MT940 (bank reference cut to 16 characters) — and through the pull: each booking is one entry,
/// whatever brought it first (issue #19 item 1).
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class StatementFormatsEndToEndTests(EndToEndFixture e2e)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(40);

    /// <summary>No scheduled pull of these accounts: only the imports the test makes.</summary>
    private const string NeverPulled = "0 0 0 1 1 *";

    [Fact]
    public async Task Every_order_of_banksims_formats_for_one_day_stores_each_booking_once()
    {
        var (o, bookings) = await ThreeBookingsTodayAsync(NeverPulled);
        var files = await TodayInEveryFormatAsync(o.IsoIban);

        var orders = Permutations(files.Keys.ToList()).ToList();
        Assert.Equal(24, orders.Count);
        foreach (var order in orders)
        {
            var (tenant, account) = await FreshAccountAsync(o.IsoIban);
            using var admin = e2e.Host.Client(tenant.Key("admin"));
            var stored = 0;
            foreach (var format in order)
            {
                var summary = await ImportAsync(admin, account, files[format]);
                Assert.Equal(bookings.Count, summary.GetProperty("entries").GetInt32());
                stored += summary.GetProperty("stored").GetInt32();
            }
            var what = string.Join(" → ", order);
            Assert.True(bookings.Count == stored, $"{what}: stored {stored}");
            var entries = await TransactionsAsync(tenant, account);
            Assert.True(entries.Count == bookings.Count, $"{what}: {entries.Count} entries: {string.Join(", ", entries.Select(e => e.GetProperty("bankReference").GetString()))}");
            // The full bank reference wins over MT940's truncation, whichever came first; each booking keeps its own.
            Assert.Equal(bookings.Select(b => b.Reference).Order(), entries.Select(e => e.GetProperty("bankReference").GetString()!).Order());
            foreach (var booking in bookings)
            {
                var entry = Assert.Single(entries, e => e.GetProperty("bankReference").GetString() == booking.Reference);
                Assert.Equal(-booking.Amount, Amount(entry.GetProperty("amount")));
                Assert.Equal(booking.EndToEndId, entry.GetProperty("endToEndId").GetString());
                Assert.Equal("booked", entry.GetProperty("status").GetString());
            }
            Assert.Empty(await WarningsAsync(tenant, account, "statement.conflict"));
        }

        // All at once, each format twice (concurrent pulls and imports): the transactions decide, still once.
        var (together, shared) = await FreshAccountAsync(o.IsoIban);
        using (var admin = e2e.Host.Client(together.Key("admin")))
        {
            var summaries = await Task.WhenAll(files.Values.Concat(files.Values).Select(file => ImportAsync(admin, shared, file)));
            Assert.Equal(bookings.Count, summaries.Sum(s => s.GetProperty("stored").GetInt32()));
        }
        Assert.Equal(bookings.Count, (await TransactionsAsync(together, shared)).Count);
    }

    [Fact]
    public async Task An_mt940_import_of_a_day_already_pulled_stores_nothing_new()
    {
        var (o, bookings) = await ThreeBookingsTodayAsync(NeverPulled);
        using var admin = e2e.Host.Client(o.Tenant.Key("admin"));
        Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsync($"v1/accounts/{o.EurAccount}/refresh", null)).StatusCode);
        await WaitUntilAsync(async () => (await TransactionsAsync(o.Tenant, o.EurAccount)).Count == bookings.Count);

        var mt940 = await (await e2e.Bank.GetAsync($"iso/v1/accounts/{o.IsoIban}/mt940")).Content.ReadAsStringAsync();
        Assert.Contains(bookings[0].Reference[..16], mt940, StringComparison.Ordinal);
        Assert.DoesNotContain(bookings[0].Reference, mt940, StringComparison.Ordinal); // cut to 16 characters
        var summary = await ImportAsync(admin, o.EurAccount, mt940);

        Assert.Equal(0, summary.GetProperty("stored").GetInt32());
        Assert.Equal(bookings.Count, summary.GetProperty("duplicates").GetInt32());
        Assert.Equal(bookings.Count, (await TransactionsAsync(o.Tenant, o.EurAccount)).Count);
    }

    private sealed record Booking(decimal Amount, string Reference, string EndToEndId);

    /// <summary>Three payments executed today, two of them for the same amount (so MT940's cut references are ambiguous by amount too).</summary>
    private async Task<(EndToEndFixture.Onboarded O, List<Booking> Bookings)> ThreeBookingsTodayAsync(string pullSchedule)
    {
        var o = await e2e.OnboardAsync(isoBalance: "1000.00", pullSchedule: pullSchedule);
        using var submitter = e2e.Host.Client(o.Tenant.Key("submitter"));
        var payments = new List<JsonElement>();
        foreach (var value in new[] { "10.00", "10.00", "25.00" })
        {
            // One at a time: payments sent together travel in one file and the bank books them as one batch entry.
            var id = (await Json(await Submit(submitter, EurPayment(o.EurAccount, value)))).GetProperty("id").GetString()!;
            payments.Add(await e2e.WaitForAsync(o.Tenant, id, Timeout, "completed"));
        }
        // The bank's own references, as its day statement carries them.
        var camt053 = await (await e2e.Bank.GetAsync($"iso/v1/accounts/{o.IsoIban}/statements")).Content.ReadAsStringAsync();
        var bookings = payments.Select(p =>
        {
            var endToEnd = p.GetProperty("endToEndId").GetString()!;
            var at = camt053.IndexOf($"<EndToEndId>{endToEnd}</EndToEndId>", StringComparison.Ordinal);
            var refStart = camt053.LastIndexOf("<AcctSvcrRef>", at, StringComparison.Ordinal) + "<AcctSvcrRef>".Length;
            var reference = camt053[refStart..camt053.IndexOf('<', refStart)];
            return new Booking(decimal.Parse(p.GetProperty("amount").GetProperty("value").GetString()!, CultureInfo.InvariantCulture), reference, endToEnd);
        }).ToList();
        Assert.All(bookings, b => Assert.True(b.Reference.Length > 16, b.Reference));
        return (o, bookings);
    }

    private async Task<Dictionary<string, string>> TodayInEveryFormatAsync(string iban)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (format, path) in new[] { ("camt.053", "statements"), ("camt.052", "reports"), ("camt.054", "notifications"), ("mt940", "mt940") })
        {
            var response = await e2e.Bank.GetAsync($"iso/v1/accounts/{iban}/{path}");
            response.EnsureSuccessStatusCode();
            files[format] = await response.Content.ReadAsStringAsync();
        }
        return files;
    }

    /// <summary>A tenant of its own with an EUR account for the same IBAN, so each order starts empty.</summary>
    private async Task<(TestTenant Tenant, string Account)> FreshAccountAsync(string iban)
    {
        var tenant = await e2e.Host.CreateTenantAsync();
        using var admin = e2e.Host.Client(tenant.Key("admin"));
        var connection = await HostFixture.PostJson(admin, "v1/bank-connections", new { bank = "simbank-iso", customerId = "C" + tenant.Id });
        var account = await HostFixture.PostJson(admin, "v1/accounts", new
        {
            bankConnectionId = connection.GetProperty("id").GetString(), iban, currency = "EUR", name = "Treasury EUR", pullSchedule = NeverPulled,
        });
        return (tenant, account.GetProperty("id").GetString()!);
    }

    private static IEnumerable<List<string>> Permutations(List<string> items) => items.Count <= 1
        ? [items]
        : items.SelectMany(first => Permutations(items.Where(i => i != first).ToList()).Select(rest => rest.Prepend(first).ToList()));

    private static async Task<JsonElement> ImportAsync(HttpClient admin, string account, string file)
    {
        using var content = new StringContent(file, Encoding.UTF8, "text/plain");
        var response = await admin.PostAsync($"v1/accounts/{account}/statements", content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement;
    }

    private async Task<List<JsonElement>> TransactionsAsync(TestTenant tenant, string account)
    {
        using var viewer = e2e.Host.Client(tenant.Key("viewer"));
        return (await viewer.GetFromJsonAsync<JsonElement>($"v1/accounts/{account}/transactions")).GetProperty("items").EnumerateArray().ToList();
    }

    private async Task<List<JsonElement>> WarningsAsync(TestTenant tenant, string account, string code)
    {
        using var viewer = e2e.Host.Client(tenant.Key("viewer"));
        return (await viewer.GetFromJsonAsync<JsonElement>($"v1/accounts/{account}/statement-warnings")).GetProperty("items").EnumerateArray()
            .Where(w => w.GetProperty("code").GetString() == code).ToList();
    }

    private static Task WaitUntilAsync(Func<Task<bool>> condition) => Eventually.HoldsAsync(condition, Timeout);

    private static decimal Amount(JsonElement value) => decimal.Parse(value.GetString()!, CultureInfo.InvariantCulture);
}
