using BankFunctions.Banks;
using BankFunctions.Features;
using BankFunctions.Features.BankConnections;
using BankFunctions.Features.Profiles;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BankFunctions.Host.Tests.Setup;

/// <summary>Bank profiles come from banks.json and settings; a bad one stops the host at start, naming the setting.</summary>
public sealed class BankProfileSettingsTests
{
    private static readonly (string, string)[] Kiwi =
    [
        ("Banks:kiwi:Protocol", "Iso20022"), ("Banks:kiwi:TimeZone", "Pacific/Auckland"), ("Banks:kiwi:Charset", "LatinExtended"),
        ("Banks:kiwi:AccountScheme", "Iban"),
    ];

    private static BankProfiles Profiles(params (string Key, string Value)[] settings) =>
        (BankProfiles)Services(settings).Single(d => d.ServiceType == typeof(BankProfiles)).ImplementationInstance!;

    private static IServiceCollection Services(params (string Key, string Value)[] settings) =>
        new ServiceCollection().AddFeatures(new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))
                .Append(new("Operator:ApiKey", "operator-key-for-settings-tests-0123456789"))
                // The host fixtures' seal key: AddFeatures installs the audit seal process-wide.
                .Append(new("Audit:SealKey", "test-audit-seal-key-0123456789abcdef0123")))
            .Build());

    private static string Refused(params (string, string)[] settings) =>
        Assert.Throws<InvalidOperationException>(() => Profiles(settings)).Message;

    [Fact]
    public void The_shipped_banksim_profiles_are_read_from_banks_json()
    {
        var profiles = Profiles();
        var iso = profiles.Get("simbank-iso");
        var cmb = profiles.Get("simbank-cmb");
        Assert.Equal(("Iso20022", "Europe/Berlin", PartyCharset.SepaLatin, AccountScheme.Iban), (iso.Family.Name, iso.Calendar.TimeZone.Id, iso.Charset, iso.Accounts));
        Assert.Equal(("CmbCloud", "Asia/Shanghai", PartyCharset.Cjk, AccountScheme.DomesticCnaps), (cmb.Family.Name, cmb.Calendar.TimeZone.Id, cmb.Charset, cmb.Accounts));
        Assert.True(cmb.Supports("CNY"));
        Assert.False(cmb.Supports("EUR"));
    }

    [Fact]
    public void A_setting_with_underscores_overrides_the_shipped_profile_key_by_key()
    {
        var iso = Profiles(("Banks:simbank_iso:CutOff", "16:30"), ("Banks:simbank_iso:BaseUrl", "http://127.0.0.1:9/")).Get("simbank-iso");
        Assert.Equal(new TimeOnly(16, 30), iso.Calendar.CutOff);
        Assert.Equal("Iso20022", iso.Family.Name);
        Assert.Equal(new Uri("http://127.0.0.1:9/"), iso.Endpoint.BaseUrl);
    }

    [Fact]
    public void A_bank_is_added_by_settings_alone()
    {
        var kiwi = Profiles([.. Kiwi, ("Banks:kiwi:CutOff", "14:00"), ("Banks:kiwi:Holidays:0", "2026-12-25"), ("Banks:kiwi:Currencies:0", "NZD")]).Get("kiwi");
        Assert.Equal(("kiwi", "Iso20022", new TimeOnly(14, 0)), (kiwi.DisplayName, kiwi.Family.Name, kiwi.Calendar.CutOff));
        Assert.Contains(new DateOnly(2026, 12, 25), kiwi.Calendar.Holidays);
        Assert.Equal(BusinessCalendarWeekdays, kiwi.Calendar.BusinessDays.Order());
        Assert.True(kiwi.Supports("NZD"));
    }

    private static readonly IEnumerable<DayOfWeek> BusinessCalendarWeekdays =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    [Theory]
    [InlineData("Protocol", "", "Banks__kiwi__Protocol must be one of Iso20022, CmbCloud (is \"\").")]
    [InlineData("Protocol", "Swift", "Banks__kiwi__Protocol must be one of Iso20022, CmbCloud (is \"Swift\").")]
    [InlineData("TimeZone", "Mars/Olympus", "Banks__kiwi__TimeZone \"Mars/Olympus\" is not a known time zone.")]
    [InlineData("CutOff", "3pm", "Banks__kiwi__CutOff must be a local time as HH:mm (is \"3pm\").")]
    [InlineData("Holidays:0", "25.12.2026", "Banks__kiwi__Holidays__0 must be a date as yyyy-MM-dd (is \"25.12.2026\").")]
    [InlineData("Currencies:0", "XYZ", "Banks__kiwi__Currencies__0 must be an ISO 4217 currency code (is \"XYZ\").")]
    [InlineData("BusinessDays:0", "Caturday", "Banks__kiwi__BusinessDays__0 must be one of Sunday, Monday, Tuesday, Wednesday, Thursday, Friday, Saturday (is \"Caturday\").")]
    [InlineData("Charset", "Ebcdic", "Banks__kiwi__Charset must be one of SepaLatin, LatinExtended, Cjk (is \"Ebcdic\").")]
    [InlineData("AccountScheme", "Bban", "Banks__kiwi__AccountScheme must be one of Iban, DomesticCnaps (is \"Bban\").")]
    [InlineData("Capabilities:0", "Teleport", "Banks__kiwi__Capabilities__0 must be one of Payments, BatchPayments, Payroll, StatusQuery, Balances, Statements, EReceipts (is \"Teleport\").")]
    public void A_bad_profile_setting_is_refused_with_its_name(string setting, string value, string expected) =>
        Assert.Equal(expected, Refused([.. Kiwi.Where(s => s.Item1 != $"Banks:kiwi:{setting}"), ($"Banks:kiwi:{setting}", value)]));

    [Fact]
    public void A_bank_without_a_time_zone_is_refused() =>
        Assert.Equal("Banks__kiwi__TimeZone is required: the bank's IANA time zone, e.g. Europe/Berlin.",
            Refused([.. Kiwi.Where(s => s.Item1 != "Banks:kiwi:TimeZone")]));

    /// <summary>
    /// Capabilities in a profile reach the adapter the stages use: a CMB-style bank configured without balances and
    /// e-receipts gets an adapter that says so — the statement pull asks <see cref="BankFunctions.Features.Statements.StatementFeeds.BalancesAdapter"/>
    /// and skips the balance query — and answers NotSupported without calling the bank (its endpoint is a closed port).
    /// </summary>
    [Fact]
    public async Task Capabilities_a_profile_leaves_out_are_not_supported_by_the_adapter_the_stages_use()
    {
        var restricted = new[]
        {
            ("Banks:simbank_cmb:BaseUrl", "http://127.0.0.1:9/"), ("Banks:simbank_cmb:Capabilities:0", "Payments"),
            ("Banks:simbank_cmb:Capabilities:1", "StatusQuery"), ("Banks:simbank_cmb:Capabilities:2", "Statements"),
        };
        await using var provider = Services(restricted).BuildServiceProvider();
        var balances = provider.GetRequiredService<BankFunctions.Features.Statements.StatementFeeds>().BalancesAdapter("simbank-cmb");
        var payments = provider.GetRequiredService<BankAdapters>().Payments("simbank-cmb");

        Assert.Equal([BankCapability.Payments, BankCapability.StatusQuery, BankCapability.Statements], balances.Capabilities.Supported.Order());
        Assert.False(payments.Capabilities.Has(BankCapability.Balances));
        var connection = new BankConnection("N002463558");
        Assert.Equal(BankCallOutcome.NotSupported, (await balances.GetBalancesAsync(new GetBalancesRequest(connection, ["755915678910101"]), default)).Outcome);
        Assert.Equal(BankCallOutcome.NotSupported,
            (await payments.GetReceiptAsync(new GetReceiptRequest(connection, "755915678910101", "K0001", new DateOnly(2026, 11, 20)), default)).Outcome);

        // Without the setting the profile's family offers everything, balances included.
        await using var shipped = Services(("Banks:simbank_cmb:BaseUrl", "http://127.0.0.1:9/")).BuildServiceProvider();
        Assert.True(shipped.GetRequiredService<BankAdapters>().Payments("simbank-cmb").Capabilities.Has(BankCapability.Balances));
    }

    [Fact]
    public void Endpoint_settings_alone_do_not_make_a_bank() =>
        Assert.StartsWith("Banks__nobank__Protocol must be one of", Refused(("Banks:nobank:BaseUrl", "http://127.0.0.1:9/")), StringComparison.Ordinal);
}
