using BankFunctions.Features;
using BankFunctions.Features.Health;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BankFunctions.Host.Tests.Setup;

/// <summary>Bank settings the pipeline cannot run with stop the host at start, naming the setting.</summary>
public sealed class BankSettingsTests
{
    private static IServiceCollection Configure(params (string Key, string Value)[] settings) =>
        new ServiceCollection().AddFeatures(new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))
                .Append(new("Operator:ApiKey", "operator-key-for-settings-tests-0123456789"))
                // The host fixtures' seal key: AddFeatures installs the audit seal process-wide.
                .Append(new("Audit:SealKey", "test-audit-seal-key-0123456789abcdef0123")))
            .Build());

    [Theory]
    [InlineData("TimeoutSeconds")]
    [InlineData("BreakerBreakSeconds")]
    public void A_zero_duration_is_refused_with_the_setting_name(string setting)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Configure(("Banks:simbank_iso:BaseUrl", "http://127.0.0.1:9/"), ($"Banks:simbank_iso:{setting}", "0")));
        Assert.Equal($"Banks__simbank_iso__{setting} must be at least 1 (is 0).", error.Message);
    }

    [Fact]
    public void Valid_settings_are_read_per_bank()
    {
        var services = Configure(("Banks:simbank_iso:BaseUrl", "http://127.0.0.1:9/"), ("Banks:simbank_iso:BreakerBreakSeconds", "5"));
        var banks = (BankEndpointsOptions)services.Single(d => d.ServiceType == typeof(BankEndpointsOptions)).ImplementationInstance!;
        Assert.Equal((10, 5), (banks.Banks["simbank-iso"].TimeoutSeconds, banks.Banks["simbank-iso"].BreakerBreakSeconds));
    }
}
