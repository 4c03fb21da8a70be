using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using BankFunctions.FunctionApp.Tests.Driver;
using BankFunctions.TestSupport;
using BankSim;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace BankFunctions.FunctionApp.Tests.Worker;

/// <summary>
/// The built Functions worker, driven over the host's gRPC contract, on a private Azurite that nothing else has
/// touched (so the worker's own start-up must create the tables), with BankSim over HTTP as the banks.
/// </summary>
public sealed class WorkerFixture : IAsyncLifetime
{
    public const string OperatorKey = "test-operator-key-0123456789abcdef";

    private WebApplication? _bankSim;

    public AzuriteFixture Azurite { get; } = new();
    public FunctionsHostDriver Driver { get; private set; } = null!;
    public HttpClient Bank { get; private set; } = null!;

    /// <summary>The worker's app settings: storage only through AzureWebJobsStorage (the Functions host's own setting).</summary>
    public Dictionary<string, string> Settings(Uri bank) => new()
    {
        ["AzureWebJobsStorage"] = Azurite.ConnectionString,
        ["Operator__ApiKey"] = OperatorKey,
        ["Audit__SealKey"] = "test-audit-seal-key-0123456789abcdef0123",
        ["Signing__LocalKeyPath"] = Path.Combine(Path.GetTempPath(), "bf-fa-keys-" + Guid.NewGuid().ToString("N")),
        ["RateLimit__PermitsPerSecond"] = "1000",
        ["Banks__simbank_iso__BaseUrl"] = bank.ToString(),
        // No faults are injected here: a generous timeout keeps a loaded CI machine from turning into retries.
        ["Banks__simbank_iso__TimeoutSeconds"] = "10",
        ["Banks__simbank_cmb__BaseUrl"] = bank.ToString(),
        ["Banks__simbank_cmb__TimeoutSeconds"] = "10",
        // No console exporter in tests (WorkerTelemetryTests sets the Application Insights connection string).
        ["Telemetry__Exporter"] = "none",
    };

    public async Task InitializeAsync()
    {
        var bankPort = FreePort.Next();
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sim:AcceptAfter"] = "00:00:00.1",
            ["Sim:ExecuteAfter"] = "00:00:00.2",
            ["Sim:SettleAfter"] = "00:00:00.3",
        });
        builder.WebHost.UseUrls($"http://127.0.0.1:{bankPort}");
        builder.AddBankSim();
        builder.Logging.ClearProviders();
        _bankSim = builder.Build();
        _bankSim.UseBankSim();
        await _bankSim.StartAsync();
        Bank = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{bankPort}/") };

        Driver = await FunctionsHostDriver.StartAsync(FunctionAppBuild.OutputFolder, Settings(Bank.BaseAddress));
    }

    public async Task DisposeAsync()
    {
        await Driver.DisposeAsync();
        if (_bankSim is not null)
        {
            await _bankSim.StopAsync();
            await _bankSim.DisposeAsync();
        }
        Bank.Dispose();
        await Azurite.DisposeAsync();
    }

    /// <summary>A client of the Functions app (through the driver), with this bearer key.</summary>
    public HttpClient Client(string? key = null)
    {
        var client = new HttpClient(new DriverHttpHandler(Driver)) { BaseAddress = new Uri("http://functions.invalid/") };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }
        return client;
    }

    /// <summary>tenant → admin key → ISO connection (keys registered at BankSim) → EUR account, with no approvals needed.</summary>
    public async Task<(string Tenant, string AdminKey, string Account, string Iban)> OnboardAsync()
    {
        var tenant = "t" + Guid.NewGuid().ToString("N")[..12];
        using var op = Client(OperatorKey);
        await Expect(await op.PostAsJsonAsync("v1/admin/tenants", new { id = tenant, name = "Tenant " + tenant }), 201);
        var key = await Expect(await op.PostAsJsonAsync($"v1/admin/tenants/{tenant}/api-keys",
            new { name = "all", roles = new[] { "viewer", "submitter", "approver", "admin" } }), 201);
        var adminKey = key.GetProperty("key").GetString()!;
        using var admin = Client(adminKey);
        var iban = "DE89370400440532013000";
        var iso = await Expect(await admin.PostAsJsonAsync("v1/bank-connections", new { bank = "simbank-iso", customerId = "C" + tenant }), 201);
        (await Bank.PostAsJsonAsync("_sim/customers", new
        {
            bank = "simbank-iso", customerId = "C" + tenant, keyId = iso.GetProperty("keyId").GetString(), publicKeyPem = iso.GetProperty("publicKeyPem").GetString(),
            accounts = new[] { new { account = iban, currency = "EUR", name = "Treasury EUR", balance = "100000.00" } },
        })).EnsureSuccessStatusCode();
        var account = await Expect(await admin.PostAsJsonAsync("v1/accounts",
            new { bankConnectionId = iso.GetProperty("id").GetString(), iban, currency = "EUR", name = "Treasury EUR" }), 201);
        await Expect(await admin.PutAsJsonAsync("v1/approval-rules", new { rules = new[] { new { currency = "EUR", minAmount = "0.00", approvals = 0 } } }), 200);
        return (tenant, adminKey, account.GetProperty("id").GetString()!, iban);
    }

    public async Task<JsonElement> Expect(HttpResponseMessage response, int status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status,
            $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath}: {(int)response.StatusCode}, expected {status}: {text}\n--- worker output ---\n{Tail(Driver.WorkerOutput)}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    private static string Tail(string text) => text.Length <= 4000 ? text : text[^4000..];
}

[CollectionDefinition(Name)]
public sealed class WorkerCollection : ICollectionFixture<WorkerFixture>
{
    public const string Name = "functions-worker";
}
