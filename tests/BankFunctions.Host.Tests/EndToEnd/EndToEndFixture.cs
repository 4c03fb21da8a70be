using System.Net.Http.Json;
using System.Text.Json;
using BankFunctions.TestSupport;
using BankSim;

namespace BankFunctions.Host.Tests.EndToEnd;

/// <summary>The real host with its queue processors and timers, real Azurite, and BankSim over HTTP.</summary>
public class EndToEndFixture : IAsyncLifetime
{
    private WebApplication? _bankSim;
    private string? _hostJson;

    public HostFixture Host { get; } = new();
    public HttpClient Bank { get; private set; } = null!;

    /// <summary>What a derived fixture changes in the host before it starts (settings, service replacements).</summary>
    protected virtual void ConfigureHost(HostFixture host)
    {
    }

    public async Task InitializeAsync()
    {
        var bankPort = FreePort.Next();
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sim:AcceptAfter"] = "00:00:00.1",
            ["Sim:ExecuteAfter"] = "00:00:00.2",
            ["Sim:SettleAfter"] = "00:00:00.3",
            ["Sim:BounceAfter"] = "00:00:00.5",
            ["Sim:HangFor"] = "00:00:03",
        });
        builder.WebHost.UseUrls($"http://127.0.0.1:{bankPort}");
        builder.AddBankSim();
        builder.Logging.ClearProviders();
        _bankSim = builder.Build();
        _bankSim.UseBankSim();
        await _bankSim.StartAsync();
        Bank = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{bankPort}/") };

        // host.json as in the repo, with a short visibility timeout so retried messages come back quickly in tests.
        _hostJson = Path.Combine(Path.GetTempPath(), "bf-host-" + Guid.NewGuid().ToString("N") + ".json");
        await File.WriteAllTextAsync(_hostJson, (await File.ReadAllTextAsync(RepoPaths.Combine("host.json")))
            .Replace("\"visibilityTimeout\": \"00:00:10\"", "\"visibilityTimeout\": \"00:00:01\"", StringComparison.Ordinal)
            .Replace("\"maxPollingInterval\": \"00:00:02\"", "\"maxPollingInterval\": \"00:00:00.5\"", StringComparison.Ordinal));
        Host.Settings["Runtime:Disabled"] = "false";
        Host.Settings["HostJson:Path"] = _hostJson;
        Host.Settings["Banks:simbank-iso:BaseUrl"] = Bank.BaseAddress!.ToString();
        Host.Settings["Banks:simbank-iso:TimeoutSeconds"] = "2";
        Host.Settings["Banks:simbank-cmb:BaseUrl"] = Bank.BaseAddress!.ToString();
        Host.Settings["Banks:simbank-cmb:TimeoutSeconds"] = "2";
        // Faults are injected on purpose here, so the circuit does break; it reopens on the tests' short time scale
        // (like the 1 s visibility timeout above).
        Host.Settings["Banks:simbank-iso:BreakerBreakSeconds"] = "1";
        Host.Settings["Banks:simbank-cmb:BreakerBreakSeconds"] = "1";
        // A file waiting out an unavailable bank retries every second (production: 5 s doubling to 5 min).
        Host.Settings["Dispatch:BankWaitFirstSeconds"] = "1";
        Host.Settings["Dispatch:BankWaitMaxSeconds"] = "1";
        ConfigureHost(Host);
        await Host.InitializeAsync();
    }

    public virtual async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        if (_bankSim is not null)
        {
            await _bankSim.StopAsync();
            await _bankSim.DisposeAsync();
        }
        Bank.Dispose();
        if (_hostJson is not null)
        {
            File.Delete(_hostJson);
        }
    }

    public sealed record Onboarded(TestTenant Tenant, string EurAccount, string CnyAccount, string IsoPublicKeyPem, string IsoIban, string CnyNumber);

    /// <summary>Onboards a tenant the way a customer would: connections through the API, keys registered with the bank.</summary>
    /// <param name="pullSchedule">The accounts' statement pull schedule (the API's default when null).</param>
    public async Task<Onboarded> OnboardAsync(string isoBalance = "100000.00", string cnyBalance = "100000.00", string cmbBehaviour = "approve", string? pullSchedule = null)
    {
        var tenant = await Host.CreateTenantAsync();
        using var admin = Host.Client(tenant.Key("admin"));
        var iban = Ibans.Next();
        var cny = "7559" + Random.Shared.NextInt64(10_000_000_000, 99_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var iso = await HostFixture.PostJson(admin, "v1/bank-connections", new { bank = "simbank-iso", customerId = "C" + tenant.Id });
        (await Bank.PostAsJsonAsync("_sim/customers", new
        {
            bank = "simbank-iso", customerId = "C" + tenant.Id, keyId = iso.GetProperty("keyId").GetString(), publicKeyPem = iso.GetProperty("publicKeyPem").GetString(),
            accounts = new[] { new { account = iban, currency = "EUR", name = "Treasury EUR", balance = isoBalance } },
        })).EnsureSuccessStatusCode();
        var sm4 = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        var uid = "U" + tenant.Id.Replace("-", "", StringComparison.Ordinal).ToUpperInvariant();
        var cmb = await HostFixture.PostJson(admin, "v1/bank-connections", new { bank = "simbank-cmb", uid, sm4Key = sm4 });
        (await Bank.PostAsJsonAsync("_sim/customers", new
        {
            bank = "simbank-cmb", uid, sm4Key = sm4, sm2PublicKeyPem = cmb.GetProperty("sm2PublicKeyPem").GetString(), behaviour = cmbBehaviour,
            accounts = new[] { new { account = cny, currency = "CNY", name = "财务 CNY", balance = cnyBalance } },
        })).EnsureSuccessStatusCode();
        var eur = await HostFixture.PostJson(admin, "v1/accounts", new { bankConnectionId = iso.GetProperty("id").GetString(), iban, currency = "EUR", name = "Treasury EUR", pullSchedule });
        var cnyAccount = await HostFixture.PostJson(admin, "v1/accounts", new { bankConnectionId = cmb.GetProperty("id").GetString(), accountNumber = cny, currency = "CNY", name = "财务 CNY", pullSchedule });
        (await admin.PutAsJsonAsync("v1/approval-rules", new
        {
            rules = new[] { new { currency = "EUR", minAmount = "0.00", approvals = 0 }, new { currency = "CNY", minAmount = "0.00", approvals = 0 } },
        })).EnsureSuccessStatusCode();
        return new Onboarded(tenant, eur.GetProperty("id").GetString()!, cnyAccount.GetProperty("id").GetString()!, iso.GetProperty("publicKeyPem").GetString()!, iban, cny);
    }

    /// <summary>Polls a payment until it reaches one of <paramref name="statuses"/>.</summary>
    public async Task<JsonElement> WaitForAsync(TestTenant tenant, string paymentId, TimeSpan timeout, params string[] statuses)
    {
        using var viewer = Host.Client(tenant.Key("viewer"));
        return await Eventually.ReturnsAsync(
            () => viewer.GetFromJsonAsync<JsonElement>($"v1/payments/{paymentId}"),
            payment => statuses.Contains(payment.GetProperty("status").GetString()),
            timeout,
            last => $"payment {paymentId} is {last.GetProperty("status").GetString()}, not {string.Join('/', statuses)}: {last}");
    }

    public async Task<int> ExecutionsAsync(string reference)
    {
        var ledger = await Bank.GetFromJsonAsync<JsonElement>("_sim/ledger");
        return ledger.GetProperty("entries").EnumerateArray().Where(e => e.GetProperty("reference").GetString() == reference)
            .Select(e => e.GetProperty("executions").GetInt32()).FirstOrDefault();
    }
}

/// <summary>Valid German IBANs with correct check digits, unique per call.</summary>
public static class Ibans
{
    private static int _counter = 500000;

    public static string Next()
    {
        var bban = "50010517" + Interlocked.Increment(ref _counter).ToString("D10", System.Globalization.CultureInfo.InvariantCulture);
        var remainder = 0;
        foreach (var c in bban + "131400")
        {
            remainder = ((remainder * 10) + (c - '0')) % 97;
        }
        return $"DE{98 - remainder:D2}{bban}";
    }
}

[CollectionDefinition(Name)]
public sealed class EndToEndCollection : ICollectionFixture<EndToEndFixture>
{
    public const string Name = "end-to-end";
}
