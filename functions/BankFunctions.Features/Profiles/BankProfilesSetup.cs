using BankFunctions.Features.Health;
using Microsoft.Extensions.Configuration;

namespace BankFunctions.Features.Profiles;

/// <summary>
/// Reads the <c>Banks</c> section into bank profiles and endpoints, checked before the host starts. The profiles of
/// the banks this build ships with are in <c>banks.json</c> (beside the app); the deployment's own settings
/// (environment, app settings) override or extend them key by key, and a bank of a known adapter family is added
/// with settings alone.
/// </summary>
public static class BankProfilesSetup
{
    public const string FileName = "banks.json";

    public static (BankProfiles Profiles, BankEndpointsOptions Endpoints) Read(IConfiguration configuration)
    {
        var layered = new ConfigurationBuilder();
        var file = Path.Combine(AppContext.BaseDirectory, FileName);
        if (File.Exists(file))
        {
            layered.AddJsonFile(file, optional: false, reloadOnChange: false);
        }
        var section = layered.AddConfiguration(configuration).Build().GetSection(BankEndpointsOptions.Section);

        var endpoints = new BankEndpointsOptions();
        var profiles = new List<BankProfile>();
        // App Service and Container Apps refuse '-' in setting names: "some_bank" configures the bank "some-bank" (and
        // merges with a "some-bank" section from banks.json; the underscore spelling sorts last, so it wins).
        foreach (var bank in section.GetChildren().GroupBy(c => c.Key.Replace('_', '-'), StringComparer.Ordinal))
        {
            var endpoint = new BankEndpoint();
            var settings = new BankProfileSettings();
            foreach (var child in bank)
            {
                child.Bind(endpoint);
                child.Bind(settings);
            }
            var settingName = bank.Last().Key;
            endpoint.Validate(settingName);
            endpoints.Banks[bank.Key] = endpoint;
            profiles.Add(settings.ToProfile(bank.Key, settingName, endpoint));
        }
        return (new BankProfiles(profiles), endpoints);
    }
}
