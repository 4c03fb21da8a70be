using BankFunctions.Banks.Adapters.Cmb;
using BankFunctions.Banks.Adapters.Iso;
using BankFunctions.Banks.Resilience;
using Xunit;

namespace BankFunctions.Banks.Tests.Families;

/// <summary>Each family's statement feeds, the adapters it builds for a bank, and the bank reference it gives a payment.</summary>
public sealed class StatementFeedAndReferenceTests : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = new Uri("http://127.0.0.1:9/") };

    public void Dispose() => _http.Dispose();

    private BankAdapterContext Bank(IReadOnlyList<BankCapability>? capabilities = null) =>
        new("bank-x", new Uri("http://127.0.0.1:9/"), capabilities, new BankHttpChannel(_http, new BankResilienceOptions()), TimeProvider.System);

    [Fact]
    public void Iso_pulls_final_camt053_days_camt054_notifications_and_the_camt052_report_for_balances_only() =>
        Assert.Equal(
            [new("camt.053", ThroughYesterday: true), new("camt.054", ThroughYesterday: false), new("camt.052", ThroughYesterday: false, BalancesOnly: true)],
            new Iso20022Family().StatementFeeds);

    [Fact]
    public void Cmb_pulls_dctrsinf_pages_including_today() =>
        Assert.Equal([new BankStatementFeed("dctrsinf", ThroughYesterday: false)], new CmbCloudFamily().StatementFeeds);

    [Fact]
    public void Iso_builds_one_adapter_per_feed_and_one_for_payments_for_the_bank()
    {
        var adapters = new Iso20022Family().CreateAdapters(Bank());
        Assert.Equal(new Iso20022Family().StatementFeeds, adapters.Feeds.Select(f => f.Feed));
        IBankAdapter[] all = [adapters.Payments, .. adapters.Feeds.Select(f => f.Adapter)];
        Assert.All(all, a => Assert.IsType<Iso20022Adapter>(a));
        Assert.All(all, a => Assert.Equal("bank-x", a.BankId));
        Assert.Equal(4, all.Distinct().Count());
    }

    [Fact]
    public void Cmb_serves_payments_and_its_feed_with_one_adapter()
    {
        var adapters = new CmbCloudFamily().CreateAdapters(Bank());
        Assert.IsType<CmbCloudAdapter>(adapters.Payments);
        Assert.Equal("bank-x", adapters.Payments.BankId);
        Assert.Same(adapters.Payments, Assert.Single(adapters.Feeds).Adapter);
    }

    [Fact]
    public void The_profile_capabilities_limit_the_adapters_and_none_means_all_the_family_offers()
    {
        foreach (var family in BankFamilies.All)
        {
            var limited = family.CreateAdapters(Bank([BankCapability.Payments]));
            Assert.True(limited.Payments.Capabilities.Has(BankCapability.Payments));
            Assert.False(limited.Payments.Capabilities.Has(BankCapability.Statements));
            Assert.All(limited.Feeds, f => Assert.False(f.Adapter.Capabilities.Has(BankCapability.Statements)));
            Assert.True(family.CreateAdapters(Bank()).Payments.Capabilities.Has(BankCapability.Statements));
        }
    }

    [Fact]
    public void Iso_gives_a_payment_its_end_to_end_id_as_bank_reference() =>
        Assert.Equal("E2E-123", new Iso20022Family().BankReference("pay_01JEYZ6Q3R8XK4T5VNBW2MDC7F", "E2E-123"));

    /// <summary>
    /// Stored data: these are the yurrefs the gateway derived before the rule moved into the CMB folder (computed with
    /// the former PaymentRows.Yurref); a change here would make the bank see a resend as a new payment.
    /// </summary>
    [Theory]
    [InlineData("pay_0000000000000000000000000001", "BFMDHT841B6DXV8K6JNQMFYZB34YXW")]
    [InlineData("pay_01JEYZ6Q3R8XK4T5VNBW2MDC7F", "BFTMDXYR6EJR89JBYDZ55RRTQAH02Y")]
    [InlineData("pay_01JEYZ6Q3R8XK4T5VNBW2MDC7F00002", "BFX2EW3E1RVVD1G8MXSHF8Q8464PWV")]
    public void Cmb_gives_a_payment_the_yurref_derived_from_its_id(string paymentId, string yurref)
    {
        Assert.Equal(yurref, new CmbCloudFamily().BankReference(paymentId, "E2E-ignored"));
        Assert.Equal(yurref, CmbYurref.Of(paymentId));
        Assert.True(yurref.Length <= 30 && yurref.All(char.IsAsciiLetterOrDigit));
    }
}
