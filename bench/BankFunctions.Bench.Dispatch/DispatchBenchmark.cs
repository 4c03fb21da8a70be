using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using BankFunctions.Banks.Signing;
using BankFunctions.Bench.Common;
using BankFunctions.Host.Setup;
using BankFunctions.TestSupport;
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
    private readonly BankSimServer _bank;
    private readonly WebApplication _host;
    private readonly CountingKeyStore _keys;
    private readonly Uri _hostUri;
    private readonly Uri _bankUri;

    private DispatchBenchmark(AzuriteFixture azurite, BankSimServer bank, WebApplication host, CountingKeyStore keys, Uri hostUri)
    {
        (_azurite, _bank, _host, _keys, _hostUri, _bankUri) = (azurite, bank, host, keys, hostUri, bank.Uri);
    }

    public static async Task<DispatchBenchmark> StartAsync()
    {
        var azurite = new AzuriteFixture();
        var bank = await BankSimServer.StartAsync();
        var bankUri = bank.Uri;

        var port = FreePort.Next();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = RepoPaths.Root, EnvironmentName = "Bench" });
        var settings = BenchHostSettings.For(azurite.ConnectionString, OperatorKey);
        settings["HostJson:Path"] = RepoPaths.Combine("host.json");
        settings["Banks:simbank_iso:BaseUrl"] = bankUri.ToString();
        settings["Banks:simbank_cmb:BaseUrl"] = bankUri.ToString();
        builder.Configuration.AddInMemoryCollection(settings);
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
        return new DispatchBenchmark(azurite, bank, host, counting!, new Uri($"http://127.0.0.1:{port}/"));
    }

    public async Task RunAsync(int rate, int seconds)
    {
        var tenant = await BenchTenant.OnboardAsync(_hostUri, _bankUri, OperatorKey);
        var (submitter, viewer, eur, cny) = (tenant.Submitter, tenant.Viewer, tenant.EurAccount, tenant.CnyAccount);
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
            tasks.Add(SubmitAsync(submitter, i % 2 == 0 ? BenchPayments.Eur(eur, i) : BenchPayments.Cny(cny, i)));
        }
        ids.AddRange(await Task.WhenAll(tasks));
        var latencies = new List<double>();
        var stages = new Dictionary<string, List<double>>();
        var slowest = new List<(double Latency, DateTimeOffset Created)>();
        var runStart = DateTimeOffset.UtcNow - watch.Elapsed;
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
                    var latency = (accepted.GetProperty("at").GetDateTimeOffset() - p.GetProperty("createdAt").GetDateTimeOffset()).TotalMilliseconds;
                    latencies.Add(latency);
                    slowest.Add((latency, p.GetProperty("createdAt").GetDateTimeOffset()));
                    pending.Remove(id);
                    // Where the time goes: each step of the history up to accepted, per bank.
                    var bank = p.GetProperty("amount").GetProperty("currency").GetString() == "EUR" ? "iso" : "cmb";
                    var previous = p.GetProperty("createdAt").GetDateTimeOffset();
                    foreach (var h in history.Skip(1))
                    {
                        var at = h.GetProperty("at").GetDateTimeOffset();
                        var step = $"{bank} → {h.GetProperty("status").GetString()}";
                        (stages.TryGetValue(step, out var list) ? list : stages[step] = []).Add((at - previous).TotalMilliseconds);
                        previous = at;
                        if (h.GetProperty("status").GetString() is "accepted" or "completed")
                        {
                            break;
                        }
                    }
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
        foreach (var (step, values) in stages.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            values.Sort();
            Console.WriteLine($"  step {step,-18} n={values.Count,5}  p50 {values[values.Count / 2],7:F0} ms  p90 {values[(int)(values.Count * 0.9)],7:F0} ms  p99 {values[(int)(values.Count * 0.99)],7:F0} ms  max {values[^1],7:F0} ms");
        }
        var late = slowest.Where(s => s.Latency > 1500).Select(s => (s.Created - runStart).TotalSeconds).Order().ToList();
        if (late.Count > 0)
        {
            Console.WriteLine($"  over 1.5 s: {late.Count} payments, submitted at {string.Join(", ", late.Take(20).Select(t => t.ToString("F1", System.Globalization.CultureInfo.InvariantCulture)))} s into the run");
        }
        var signatures = _keys.Signatures - signaturesBefore;
        Console.WriteLine($"signing operations: {signatures} for {ids.Count} payments = {signatures * 1000.0 / ids.Count:F0} per 1,000 payments " +
            "(each ISO file is signed once; each CMB request envelope, status queries included, is signed once)");
        var ledger = await new HttpClient { BaseAddress = _bankUri }.GetFromJsonAsync<JsonElement>("_sim/ledger");
        var executions = ledger.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("executions").GetInt32()).ToList();
        Console.WriteLine($"bank ledger: {executions.Count} references, executed more than once: {executions.Count(e => e > 1)}");

        var before = _keys.SignaturesWith(tenant.IsoKeyId);
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/payment-batches")
        {
            Content = JsonContent.Create(new
            {
                debtorAccountId = eur, kind = "payroll",
                items = Enumerable.Range(0, 10_000).Select(i => BenchPayments.Item("EUR", i)),
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
        // Counted on the ISO connection's key only: CMB status polls of the earlier payments sign with another key meanwhile.
        Console.WriteLine($"10,000-item payroll: {_keys.SignaturesWith(tenant.IsoKeyId) - before} signing operation(s) for the file (target <= 2); completed in {wait.Elapsed.TotalSeconds:F1} s");
    }

    private static async Task<string> SubmitAsync(HttpClient client, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/payments") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        using var response = await client.SendAsync(request);
        var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync());
        return json.RootElement.GetProperty("id").GetString()!;
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        await _host.DisposeAsync();
        await _bank.DisposeAsync();
        _azurite.Dispose();
    }
}
