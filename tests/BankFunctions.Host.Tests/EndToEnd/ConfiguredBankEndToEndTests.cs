using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BankFunctions.Storage;
using BankFunctions.TestSupport;
using static BankFunctions.Host.Tests.Payments.PaymentApi;

namespace BankFunctions.Host.Tests.EndToEnd;

/// <summary>
/// A third bank added through configuration alone: the ISO 20022 adapter family at BankSim's ISO endpoint, with its
/// own time zone (Pacific/Auckland), a cut-off every payment for today has passed (00:00, so the test does not depend
/// on the time of day), holidays, EUR only, and the extended Latin character set.
/// </summary>
public sealed class ConfiguredBankFixture : EndToEndFixture
{
    public const string BankId = "kiwibank-sim";
    public const string TimeZone = "Pacific/Auckland";

    /// <summary>The bank's holidays: 10 and 11 days after its today at start (its every other day is a business day).</summary>
    public DateOnly FirstHoliday { get; } = Today().AddDays(10);

    public static DateOnly Today() =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById(TimeZone)).DateTime);

    protected override void ConfigureHost(HostFixture host)
    {
        var profile = new Dictionary<string, string>
        {
            ["DisplayName"] = "Kiwi test bank (BankSim ISO endpoint)",
            ["Protocol"] = "Iso20022",
            ["BaseUrl"] = Bank.BaseAddress!.ToString(),
            ["TimeZone"] = TimeZone,
            ["CutOff"] = "00:00",
            ["Holidays:0"] = FirstHoliday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Holidays:1"] = FirstHoliday.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Currencies:0"] = "EUR",
            ["Charset"] = "LatinExtended",
            ["AccountScheme"] = "Iban",
        };
        foreach (var (day, i) in Enum.GetNames<DayOfWeek>().Select((d, i) => (d, i)))
        {
            profile[$"BusinessDays:{i}"] = day;
        }
        foreach (var (key, value) in profile)
        {
            host.Settings[$"Banks:{BankId}:{key}"] = value;
        }
    }
}

public sealed class ConfiguredBankEndToEndTests(ConfiguredBankFixture e2e) : IClassFixture<ConfiguredBankFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(40);

    private sealed record Onboarded(TestTenant Tenant, string Account, string Connection);

    /// <summary>A connection and an EUR account at the configured bank, registered with BankSim's ISO 20022 bank.</summary>
    private async Task<Onboarded> OnboardAsync()
    {
        var tenant = await e2e.Host.CreateTenantAsync();
        using var admin = e2e.Host.Client(tenant.Key("admin"));
        var iban = Ibans.Next();
        var connection = await HostFixture.PostJson(admin, "v1/bank-connections", new { bank = ConfiguredBankFixture.BankId, customerId = "C" + tenant.Id });
        // BankSim's ISO endpoint is one bank to BankSim, whatever the gateway's profile calls it.
        (await e2e.Bank.PostAsJsonAsync("_sim/customers", new
        {
            bank = "simbank-iso", customerId = "C" + tenant.Id, keyId = connection.GetProperty("keyId").GetString(), publicKeyPem = connection.GetProperty("publicKeyPem").GetString(),
            accounts = new[] { new { account = iban, currency = "EUR", name = "Kiwi EUR", balance = "10000.00" } },
        })).EnsureSuccessStatusCode();
        var account = await HostFixture.PostJson(admin, "v1/accounts", new { bankConnectionId = connection.GetProperty("id").GetString(), iban, currency = "EUR", name = "Kiwi EUR" });
        (await admin.PutAsJsonAsync("v1/approval-rules", new { rules = new[] { new { currency = "EUR", minAmount = "0.00", approvals = 0 } } })).EnsureSuccessStatusCode();
        return new Onboarded(tenant, account.GetProperty("id").GetString()!, connection.GetProperty("id").GetString()!);
    }

    private static object Payment(string account, string? date = null, string name = "Müller og Søn") => new
    {
        debtorAccountId = account,
        amount = new { currency = "EUR", value = "64.00" },
        creditor = new { name, iban = "GB82WEST12345698765432", bic = "NWBKGB2L" },
        remittanceInformation = "Faktura 7",
        requestedExecutionDate = date,
    };

    [Fact]
    public async Task A_payment_at_a_bank_added_by_configuration_completes_on_the_next_business_day_after_the_cut_off()
    {
        var o = await OnboardAsync();
        using var submitter = e2e.Host.Client(o.Tenant.Key("submitter"));
        var today = ConfiguredBankFixture.Today();
        var created = await Json(await Submit(submitter, Payment(o.Account)));
        var id = created.GetProperty("id").GetString()!;
        // No date asked: the bank's today (its time zone), already past its cut-off, so the bank's next business day.
        var requested = DateOnly.ParseExact(created.GetProperty("requestedExecutionDate").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.True(requested == today || requested == ConfiguredBankFixture.Today(), $"requested {requested}, bank today {today}");
        Assert.Equal(requested.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), created.GetProperty("executionDate").GetString());
        // The extended Latin set: sent as written, nothing transliterated.
        Assert.Equal("Müller og Søn", created.GetProperty("creditor").GetProperty("name").GetString());
        Assert.False(created.TryGetProperty("warnings", out _));

        var done = await e2e.WaitForAsync(o.Tenant, id, Timeout, "completed");
        Assert.Equal(created.GetProperty("executionDate").GetString(), done.GetProperty("executionDate").GetString());
        // The file the bank got asks for the effective day (pain.001 ReqdExctnDt), not the requested one.
        var (content, _) = await StoredBankFiles.FindAsync(e2e.Host.Services.GetRequiredService<StorageClients>(), o.Tenant.Id, done.GetProperty("endToEndId").GetString()!);
        var xml = Encoding.UTF8.GetString(content);
        var asked = System.Xml.Linq.XDocument.Parse(xml).Descendants().Single(e => e.Name.LocalName == "ReqdExctnDt").Value;
        Assert.Equal(done.GetProperty("executionDate").GetString(), asked);
        Assert.Contains("Müller og Søn", xml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_date_on_the_banks_holidays_moves_past_them()
    {
        var o = await OnboardAsync();
        using var submitter = e2e.Host.Client(o.Tenant.Key("submitter"));
        var holiday = e2e.FirstHoliday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var created = await Json(await Submit(submitter, Payment(o.Account, holiday)));
        Assert.Equal(holiday, created.GetProperty("requestedExecutionDate").GetString());
        Assert.Equal(e2e.FirstHoliday.AddDays(2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), created.GetProperty("executionDate").GetString());

        // A day that is no holiday and not today is kept.
        var ordinary = e2e.FirstHoliday.AddDays(3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var kept = await Json(await Submit(submitter, Payment(o.Account, ordinary)));
        Assert.Equal(ordinary, kept.GetProperty("executionDate").GetString());
    }

    [Fact]
    public async Task A_batch_for_a_holiday_executes_after_it_and_its_file_asks_for_that_day()
    {
        var o = await OnboardAsync();
        using var submitter = e2e.Host.Client(o.Tenant.Key("submitter"));
        var holiday = e2e.FirstHoliday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var expected = e2e.FirstHoliday.AddDays(2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var item = new { amount = new { currency = "EUR", value = "5.00" }, creditor = new { name = "Åse Lønn", iban = "GB82WEST12345698765432" } };
        var batch = await HostFixture.PostJson(submitter, "v1/payment-batches",
            new { debtorAccountId = o.Account, kind = "payments", requestedExecutionDate = holiday, items = new[] { item, item } }, Guid.NewGuid().ToString());
        Assert.Equal((holiday, expected), (batch.GetProperty("requestedExecutionDate").GetString(), batch.GetProperty("executionDate").GetString()));

        using var viewer = e2e.Host.Client(o.Tenant.Key("viewer"));
        var view = await Eventually.ReturnsAsync(
            () => viewer.GetFromJsonAsync<JsonElement>($"v1/payment-batches/{batch.GetProperty("id").GetString()}"),
            b => b.GetProperty("status").GetString() == "completed",
            Timeout,
            b => $"batch is {b.GetProperty("status").GetString()}, not completed");
        var items = view.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, items.Count);
        Assert.All(items, i => Assert.Equal((holiday, expected), (i.GetProperty("requestedExecutionDate").GetString(), i.GetProperty("executionDate").GetString())));
        var (content, _) = await StoredBankFiles.FindAsync(e2e.Host.Services.GetRequiredService<StorageClients>(), o.Tenant.Id, items[0].GetProperty("endToEndId").GetString()!);
        Assert.Equal(expected, System.Xml.Linq.XDocument.Parse(Encoding.UTF8.GetString(content)).Descendants().Single(e => e.Name.LocalName == "ReqdExctnDt").Value);
    }

    [Fact]
    public async Task The_profiles_currencies_and_character_set_are_enforced()
    {
        var o = await OnboardAsync();
        using var admin = e2e.Host.Client(o.Tenant.Key("admin"));
        var usd = await admin.PostAsJsonAsync("v1/accounts", new { bankConnectionId = o.Connection, iban = Ibans.Next(), currency = "USD", name = "Kiwi USD" });
        Assert.Equal(HttpStatusCode.BadRequest, usd.StatusCode);
        Assert.Contains("EUR", (await Json(usd)).GetProperty("errors").GetProperty("currency")[0].GetString(), StringComparison.Ordinal);

        using var submitter = e2e.Host.Client(o.Tenant.Key("submitter"));
        var cyrillic = await Submit(submitter, Payment(o.Account, name: "Пётр"));
        Assert.Equal(HttpStatusCode.BadRequest, cyrillic.StatusCode);
        Assert.Contains("Latin letters with accents", (await Json(cyrillic)).GetProperty("errors").GetProperty("creditor.name")[0].GetString(), StringComparison.Ordinal);
    }
}
