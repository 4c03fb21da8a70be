using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using BankFunctions.Host.Setup;
using BankFunctions.Host.Tests.Contract;
using BankFunctions.TestSupport;

namespace BankFunctions.Host.Tests;

/// <summary>
/// Boots the real host (the same composition Program.cs uses) on a free loopback port against a private Azurite.
/// </summary>
public sealed class HostFixture : IAsyncLifetime
{
    public const string OperatorKey = "test-operator-key-0123456789abcdef";

    private WebApplication? _app;
    // Every host serves the same document: read and compile it once per test run.
    private static readonly ConcurrentDictionary<string, OpenApiContract> Contracts = new(StringComparer.Ordinal);
    private OpenApiContract? _contract;

    /// <summary>Responses that broke the served OpenAPI contract (each also failed its request).</summary>
    public ConcurrentQueue<string> ContractViolations { get; } = new();

    public AzuriteFixture Azurite { get; } = new();
    public Uri BaseAddress { get; private set; } = null!;
    public IServiceProvider Services => _app!.Services;

    /// <summary>Extra configuration a derived fixture sets before start.</summary>
    public Dictionary<string, string?> Settings { get; } = new();

    /// <summary>Service replacements a derived fixture applies after the host's own registrations (fault injection).</summary>
    public Action<IServiceCollection>? OverrideServices { get; set; }

    public async Task InitializeAsync()
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Test", ContentRootPath = RepoPaths.Root });
        var settings = new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = Azurite.ConnectionString,
            ["Operator:ApiKey"] = OperatorKey,
            ["RateLimit:PermitsPerSecond"] = "1000",
            // Every test client is 127.0.0.1 and the auth tests fail on purpose: the failed-auth budget is tested on its own host.
            ["RateLimit:FailedAuthBurst"] = "1000000",
            ["Runtime:Disabled"] = "true",
            ["Audit:SealKey"] = "test-audit-seal-key-0123456789abcdef0123",
            ["Signing:LocalKeyPath"] = Path.Combine(Path.GetTempPath(), "bf-keys-" + Guid.NewGuid().ToString("N")),
            ["HostJson:Path"] = RepoPaths.Combine("host.json"),
            // No console exporter in tests (TelemetryEndToEndTests adds an in-memory one with "custom").
            ["Telemetry:Exporter"] = "none",
            // Webhook receivers of the tests listen on loopback (development mode of the SSRF guard).
            ["Webhooks:AllowLoopback"] = "true",
        };
        foreach (var (key, value) in Settings)
        {
            settings[key] = value;
        }
        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.AddBankFunctionsHost();
        OverrideServices?.Invoke(builder.Services);
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.UseBankFunctionsHost();
        await _app.StartAsync();
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        using var plain = new HttpClient { BaseAddress = BaseAddress };
        var document = await plain.GetStringAsync("openapi/v1.json");
        _contract = Contracts.GetOrAdd(document, d => new OpenApiContract(JsonNode.Parse(d)!.AsObject()));
    }

    /// <summary>The served OpenAPI document, ready to check responses against.</summary>
    public OpenApiContract Contract => _contract!;

    public HttpClient Client(string? key = null)
    {
        var client = new HttpClient(new ContractCheckingHandler(() => Contract, ContractViolations)) { BaseAddress = BaseAddress };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }
        return client;
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        Azurite.Dispose();
        if (!ContractViolations.IsEmpty)
        {
            throw new InvalidOperationException("Responses broke the OpenAPI contract:" + Environment.NewLine + string.Join(Environment.NewLine, ContractViolations.Distinct()));
        }
    }

    /// <summary>Creates a tenant with one key per role (and one with every role), through the API.</summary>
    public async Task<TestTenant> CreateTenantAsync(string? id = null)
    {
        using var op = Client(OperatorKey);
        id ??= "t" + Guid.NewGuid().ToString("N")[..12];
        var created = await op.PostAsJsonAsync("v1/admin/tenants", new { id, name = "Tenant " + id });
        created.EnsureSuccessStatusCode();
        var keys = new Dictionary<string, (string Id, string Key)>();
        foreach (var role in new[] { "viewer", "submitter", "approver", "admin" })
        {
            keys[role] = await IssueKeyAsync(op, id, role, [role]);
        }
        keys["all"] = await IssueKeyAsync(op, id, "all", ["viewer", "submitter", "approver", "admin"]);
        keys["approver2"] = await IssueKeyAsync(op, id, "approver2", ["approver", "viewer"]);
        return new TestTenant(id, keys);
    }

    /// <summary>A tenant with an ISO bank connection + EUR account and a CMB-style connection + CNY account.</summary>
    public async Task<TestTenant> CreateTenantWithAccountsAsync()
    {
        var tenant = await CreateTenantAsync();
        using var admin = Client(tenant.Key("admin"));
        var iso = await PostJson(admin, "v1/bank-connections", new { bank = "simbank-iso", customerId = "C" + tenant.Id });
        var cmb = await PostJson(admin, "v1/bank-connections", new { bank = "simbank-cmb", uid = "U" + tenant.Id.Replace("-", ""), sm4Key = "00112233445566778899aabbccddeeff" });
        var eur = await PostJson(admin, "v1/accounts", new { bankConnectionId = iso.GetProperty("id").GetString(), iban = "DE89370400440532013000", currency = "EUR", name = "Treasury EUR" });
        var cny = await PostJson(admin, "v1/accounts", new { bankConnectionId = cmb.GetProperty("id").GetString(), accountNumber = "755915678810001", currency = "CNY", name = "财务 CNY" });
        return tenant with { EurAccount = eur.GetProperty("id").GetString()!, CnyAccount = cny.GetProperty("id").GetString()! };
    }

    public static async Task<JsonElement> PostJson(HttpClient client, string path, object body, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST {path}: {(int)response.StatusCode} {text}");
        }
        return JsonDocument.Parse(text).RootElement;
    }

    private static async Task<(string Id, string Key)> IssueKeyAsync(HttpClient op, string tenant, string name, string[] roles)
    {
        var response = await op.PostAsJsonAsync($"v1/admin/tenants/{tenant}/api-keys", new { name, roles });
        response.EnsureSuccessStatusCode();
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (json.GetProperty("id").GetString()!, json.GetProperty("key").GetString()!);
    }
}

public sealed record TestTenant(string Id, IReadOnlyDictionary<string, (string Id, string Key)> Keys)
{
    public string EurAccount { get; init; } = "";
    public string CnyAccount { get; init; } = "";

    public string Key(string role) => Keys[role].Key;
}

[CollectionDefinition(Name)]
public sealed class HostCollection : ICollectionFixture<HostFixture>
{
    public const string Name = "host";
}
