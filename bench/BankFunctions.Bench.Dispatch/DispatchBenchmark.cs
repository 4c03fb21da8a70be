using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using BankFunctions.Banks.Signing;
using BankFunctions.Host.Setup;
using BankFunctions.TestSupport;
using BankSim;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BankFunctions.Bench.Dispatch;

/// <summary>
/// Payments submitted at a steady rate (no approval needed) through the real host with its queue processors, against
/// BankSim with its default timings; latency is measured from the server's own timestamps (createdAt → the first
/// accepted/completed entry of statusHistory), so polling does not distort it.
/// </summary>
public sealed class DispatchBenchmark : IAsyncDisposable
{
    private const string OperatorKey = "bench-operator-key-0123456789abcdef";
    private readonly AzuriteFixture _azurite;
    private readonly WebApplication _bank;
    private readonly WebApplication _host;
    private readonly CountingKeyStore _keys;
    private readonly Uri _hostUri;
    private readonly Uri _bankUri;

    private DispatchBenchmark(AzuriteFixture azurite, WebApplication bank, WebApplication host, CountingKeyStore keys, Uri hostUri, Uri bankUri)
    {
        (_azurite, _bank, _host, _keys, _hostUri, _bankUri) = (azurite, bank, host, keys, hostUri, bankUri);
    }

    public static async Task<DispatchBenchmark> StartAsync()
    {
        var azurite = new AzuriteFixture();
        var bankPort = FreePort.Next();
        var bankBuilder = WebApplication.CreateBuilder();
        bankBuilder.WebHost.UseUrls($"http://127.0.0.1:{bankPort}");
        bankBuilder.AddBankSim();
        bankBuilder.Logging.ClearProviders();
        var bank = bankBuilder.Build();
        bank.UseBankSim();
        await bank.StartAsync();
        var bankUri = new Uri($"http://127.0.0.1:{bankPort}/");

        var port = FreePort.Next();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = RepoPaths.Root, EnvironmentName = "Bench" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = azurite.ConnectionString,
            ["Operator:ApiKey"] = OperatorKey,
            ["Audit:SealKey"] = "bench-audit-seal-key-0123456789abcdef0123",
            ["RateLimit:PermitsPerSecond"] = "100000",
            ["Signing:LocalKeyPath"] = Path.Combine(Path.GetTempPath(), "bf-bench-keys-" + Guid.NewGuid().ToString("N")),
            ["HostJson:Path"] = RepoPaths.Combine("host.json"),
            ["Banks:simbank_iso:BaseUrl"] = bankUri.ToString(),
            ["Banks:simbank_cmb:BaseUrl"] = bankUri.ToString(),
        });
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.AddBankFunctionsHost();
        CountingKeyStore? counting = null;
        builder.Services.AddSingleton<ISigningKeyStore>(sp =>
            counting = new CountingKeyStore(new BankFunctions.Banks.Signing.Local.LocalSigningKeyStore(sp.GetRequiredService<BankFunctions.Features.BankConnections.LocalKeyOptions>().LocalKeyPath)));
        builder.Logging.ClearProviders();
        if (Environment.GetEnvironmentVariable("BENCH_LOG") == "1")
        {
            builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        }
        var host = builder.Build();
        host.UseBankFunctionsHost();
        await host.StartAsync();
        _ = host.Services.GetRequiredService<ISigningKeyStore>();
        return new DispatchBenchmark(azurite, bank, host, counting!, new Uri($"http://127.0.0.1:{port}/"), bankUri);
    }

    public async Task RunAsync(int rate, int seconds)
    {
        var (submitter, viewer, eur, cny) = await OnboardAsync();
        Console.WriteLine($"Dispatch benchmark: {rate} payments/s for {seconds} s (alternating ISO and CMB-style bank), host.json polling, BankSim default timings");
        var signaturesBefore = _keys.Signatures;
        var ids = new List<string>();
        var watch = Stopwatch.StartNew();
        var tasks = new List<Task<string>>();
        for (var i = 0; i < rate * seconds; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / rate);
            if (due > watch.Elapsed)
            {
                await Task.Delay(due - watch.Elapsed);
            }
            tasks.Add(SubmitAsync(submitter, i % 2 == 0 ? EurPayment(eur, i) : CnyPayment(cny, i)));
        }
        ids.AddRange(await Task.WhenAll(tasks));
        var latencies = new List<double>();
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        var pending = new HashSet<string>(ids);
        while (pending.Count > 0 && DateTime.UtcNow < deadline)
        {
            foreach (var id in pending.ToList())
            {
                var p = await viewer.GetFromJsonAsync<JsonElement>($"v1/payments/{id}");
                var history = p.GetProperty("statusHistory").EnumerateArray().ToList();
                var accepted = history.FirstOrDefault(h => h.GetProperty("status").GetString() is "accepted" or "completed");
                if (accepted.ValueKind != JsonValueKind.Undefined)
                {
                    latencies.Add((accepted.GetProperty("at").GetDateTimeOffset() - p.GetProperty("createdAt").GetDateTimeOffset()).TotalMilliseconds);
                    pending.Remove(id);
                }
                else if (p.GetProperty("status").GetString() is "rejected" or "failed" or "needs_attention")
                {
                    pending.Remove(id);
                }
            }
            await Task.Delay(500);
        }
        latencies.Sort();
        double Percentile(double q) => latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(q * latencies.Count) - 1)];
        Console.WriteLine($"payments: {ids.Count}, reached accepted: {latencies.Count}, never: {pending.Count}");
        Console.WriteLine($"submit → accepted: p50 {Percentile(0.50):F0} ms, p90 {Percentile(0.90):F0} ms, p99 {Percentile(0.99):F0} ms, max {latencies[^1]:F0} ms (targets p50 <= 300, p99 <= 1500)");
        var signatures = _keys.Signatures - signaturesBefore;
        Console.WriteLine($"signing operations: {signatures} for {ids.Count} payments = {signatures * 1000.0 / ids.Count:F0} per 1,000 payments " +
            "(each ISO file is signed once; each CMB request envelope, status queries included, is signed once)");
        var ledger = await new HttpClient { BaseAddress = _bankUri }.GetFromJsonAsync<JsonElement>("_sim/ledger");
        var executions = ledger.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("executions").GetInt32()).ToList();
        Console.WriteLine($"bank ledger: {executions.Count} references, executed more than once: {executions.Count(e => e > 1)}");

        var before = _keys.Signatures;
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/payment-batches")
        {
            Content = JsonContent.Create(new
            {
                debtorAccountId = eur, kind = "payroll",
                items = Enumerable.Range(0, 10_000).Select(i => new { amount = new { currency = "EUR", value = "10.00" }, creditor = new { name = $"Employee {i}", iban = "GB82WEST12345698765432" } }),
            }),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        var batch = await JsonDocument.ParseAsync(await (await submitter.SendAsync(request)).Content.ReadAsStreamAsync());
        var batchId = batch.RootElement.GetProperty("id").GetString();
        var wait = Stopwatch.StartNew();
        while (wait.Elapsed < TimeSpan.FromMinutes(3))
        {
            var b = await viewer.GetFromJsonAsync<JsonElement>($"v1/payment-batches/{batchId}?limit=1");
            if (b.GetProperty("counts").TryGetProperty("completed", out var c) && c.GetInt32() == 10_000)
            {
                break;
            }
            await Task.Delay(1000);
        }
        Console.WriteLine($"10,000-item payroll: {_keys.Signatures - before} signing operation(s) for the file (target <= 2); completed in {wait.Elapsed.TotalSeconds:F1} s");
    }

    private static object EurPayment(string account, int i) => new
    {
        debtorAccountId = account, amount = new { currency = "EUR", value = "12.50" },
        creditor = new { name = "Muster GmbH", iban = "GB82WEST12345698765432" }, remittanceInformation = "Invoice " + i,
    };

    private static object CnyPayment(string account, int i) => new
    {
        debtorAccountId = account, amount = new { currency = "CNY", value = "88.00" },
        creditor = new { name = "供应商", accountNumber = "6225880112345678", bankCode = "308584000013" }, remittanceInformation = "货款 " + i,
    };

    private static async Task<string> SubmitAsync(HttpClient client, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/payments") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        using var response = await client.SendAsync(request);
        var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync());
        return json.RootElement.GetProperty("id").GetString()!;
    }

    private async Task<(HttpClient Submitter, HttpClient Viewer, string Eur, string Cny)> OnboardAsync()
    {
        using var op = Client(_hostUri, OperatorKey);
        (await op.PostAsJsonAsync("v1/admin/tenants", new { id = "bench", name = "Bench" })).EnsureSuccessStatusCode();
        async Task<string> Key(string role) => (await Post(op, "v1/admin/tenants/bench/api-keys", new { name = role, roles = new[] { role } })).GetProperty("key").GetString()!;
        var admin = Client(_hostUri, await Key("admin"));
        var bank = new HttpClient { BaseAddress = _bankUri };
        var iso = await Post(admin, "v1/bank-connections", new { bank = "simbank-iso", customerId = "BENCH" });
        (await bank.PostAsJsonAsync("_sim/customers", new { bank = "simbank-iso", customerId = "BENCH", keyId = iso.GetProperty("keyId").GetString(), publicKeyPem = iso.GetProperty("publicKeyPem").GetString(),
            accounts = new[] { new { account = "DE89370400440532013000", currency = "EUR", name = "Bench", balance = "100000000.00" } } })).EnsureSuccessStatusCode();
        var sm4 = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        var cmb = await Post(admin, "v1/bank-connections", new { bank = "simbank-cmb", uid = "BENCHUID01", sm4Key = sm4 });
        (await bank.PostAsJsonAsync("_sim/customers", new { bank = "simbank-cmb", uid = "BENCHUID01", sm4Key = sm4, sm2PublicKeyPem = cmb.GetProperty("sm2PublicKeyPem").GetString(),
            accounts = new[] { new { account = "755915678810001", currency = "CNY", name = "Bench", balance = "100000000.00" } } })).EnsureSuccessStatusCode();
        var eur = await Post(admin, "v1/accounts", new { bankConnectionId = iso.GetProperty("id").GetString(), iban = "DE89370400440532013000", currency = "EUR", name = "Bench" });
        var cny = await Post(admin, "v1/accounts", new { bankConnectionId = cmb.GetProperty("id").GetString(), accountNumber = "755915678810001", currency = "CNY", name = "Bench" });
        (await admin.PutAsJsonAsync("v1/approval-rules", new { rules = new[] { new { currency = "EUR", minAmount = "0.00", approvals = 0 }, new { currency = "CNY", minAmount = "0.00", approvals = 0 } } })).EnsureSuccessStatusCode();
        return (Client(_hostUri, await Key("submitter")), Client(_hostUri, await Key("viewer")), eur.GetProperty("id").GetString()!, cny.GetProperty("id").GetString()!);
    }

    private static HttpClient Client(Uri baseUri, string key)
    {
        var client = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    private static async Task<JsonElement> Post(HttpClient client, string path, object body)
    {
        var response = await client.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode ? JsonDocument.Parse(text).RootElement : throw new InvalidOperationException($"{path}: {text}");
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        await _host.DisposeAsync();
        await _bank.StopAsync();
        await _bank.DisposeAsync();
        _azurite.Dispose();
    }
}
