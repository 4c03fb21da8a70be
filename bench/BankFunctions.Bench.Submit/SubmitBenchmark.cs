using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using BankFunctions.Bench.Common;
using BankFunctions.Features.Hosting;
using BankFunctions.Host.Setup;
using BankFunctions.Storage;
using BankFunctions.Storage.Encryption;
using BankFunctions.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BankFunctions.Bench.Submit;

/// <summary>
/// (a) the raw storage work one accepted payment needs — the same entity-group transaction (payment, idempotency,
/// audit, outbox rows of the same shape) and queue message — straight through the Azure SDK; (b) POST /v1/payments
/// through the real host; both at the same concurrency against one Azurite, in one run.
/// </summary>
public sealed class SubmitBenchmark : IAsyncDisposable
{
    private const string OperatorKey = "bench-operator-key-0123456789abcdef";
    private readonly AzuriteFixture _azurite;
    private readonly WebApplication _app;
    private readonly RequestCounter _counter;
    private readonly Uri _base;

    private SubmitBenchmark(AzuriteFixture azurite, WebApplication app, RequestCounter counter, Uri baseAddress)
    {
        _azurite = azurite;
        _app = app;
        _counter = counter;
        _base = baseAddress;
    }

    public static async Task<SubmitBenchmark> StartAsync()
    {
        var azurite = new AzuriteFixture();
        var port = FreePort.Next();
        var counter = new RequestCounter();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = RepoPaths.Root, EnvironmentName = "Bench" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = azurite.ConnectionString,
            ["Operator:ApiKey"] = OperatorKey,
            ["Audit:SealKey"] = "bench-audit-seal-key-0123456789abcdef0123",
            ["RateLimit:PermitsPerSecond"] = "100000",
            ["Signing:LocalKeyPath"] = Path.Combine(Path.GetTempPath(), "bf-bench-keys-" + Guid.NewGuid().ToString("N")),
            // The accept path only: queue processors and timers would work off the accepted payments meanwhile, and
            // their storage calls would be counted (and compete) as if they were the POST's (./bench.sh dispatch
            // measures that half).
            ["Runtime:Disabled"] = "true",
        });
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.AddBankFunctionsHost();
        // Encryption at rest as configured (Encryption__Kek=file Encryption__KeyFile=… measures its cost; default off).
        builder.Services.AddSingleton(sp => new StorageClients(sp.GetRequiredService<StorageOptions>(), null, counter,
            KeyEncryptionKeys.Create(sp.GetRequiredService<EncryptionOptions>(), TimeProvider.System)));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.UseBankFunctionsHost();
        await app.StartAsync();
        return new SubmitBenchmark(azurite, app, counter, new Uri($"http://127.0.0.1:{port}/"));
    }

    public async Task RunAsync(int payments, int concurrency)
    {
        var (tenant, submitter, account) = await SetUpTenantAsync();
        // (a) is the raw SDK work without encryption whatever the host does: the baseline the host is held to.
        var storage = new StorageClients(_app.Services.GetRequiredService<StorageOptions>(), null, _counter);
        Console.WriteLine($"Encryption at rest: {_app.Services.GetRequiredService<EncryptionOptions>().Kek}");
        Console.WriteLine($"Submit benchmark: {payments} payments, concurrency {concurrency}, Azurite (test fixture, data on tmpfs) on this machine ({Environment.ProcessorCount} cores)");

        // Warm-up both paths (JIT, connection pools).
        await RawAsync(storage, tenant, 200, concurrency);
        await HostAsync(submitter, account, 200, concurrency);

        _counter.Reset();
        var raw = await RawAsync(storage, tenant, payments, concurrency);
        var rawOps = _counter.Count;
        _counter.Reset();
        var hostCpu = ProcessCpu();
        var host = await HostAsync(submitter, account, payments, concurrency);
        hostCpu = ProcessCpu() - hostCpu;
        var hostOps = _counter.Count;
        var hostKinds = _counter.ByKind;

        Console.WriteLine($"(a) raw SDK  : {payments / raw.TotalSeconds,8:F0} payments/s  ({(double)rawOps / payments:F2} storage ops each)");
        Console.WriteLine($"(b) host POST: {payments / host.TotalSeconds,8:F0} payments/s  ({(double)hostOps / payments:F2} storage ops each; " +
            $"{hostCpu.TotalMilliseconds * 1000 / payments:F0} µs CPU each in this process)");
        Console.WriteLine($"ratio b/a    : {raw.TotalSeconds / host.TotalSeconds:F2}   (target >= 0.8; storage ops per payment target <= 2)");
        Console.WriteLine("host storage operations by kind:");
        foreach (var (kind, count) in hostKinds)
        {
            Console.WriteLine($"  {count,7}  {kind}");
        }

        await BatchAsync(submitter, account);
    }

    private async Task<(string Tenant, HttpClient Submitter, string Account)> SetUpTenantAsync()
    {
        using var op = Client(OperatorKey);
        (await op.PostAsJsonAsync("v1/admin/tenants", new { id = "bench", name = "Bench" })).EnsureSuccessStatusCode();
        var admin = await Key(op, "admin");
        var submitter = await Key(op, "submitter");
        using var adminClient = Client(admin);
        var connection = await Post(adminClient, "v1/bank-connections", new { bank = "simbank-iso", customerId = "BENCH" });
        var account = await Post(adminClient, "v1/accounts", new { bankConnectionId = connection.GetProperty("id").GetString(), iban = "DE89370400440532013000", currency = "EUR", name = "Bench" });
        (await adminClient.PutAsJsonAsync("v1/approval-rules", new { rules = new[] { new { currency = "EUR", minAmount = "0.00", approvals = 0 } } })).EnsureSuccessStatusCode();
        var submitterClient = Client(submitter);
        submitterClient.Timeout = TimeSpan.FromMinutes(5);
        return ("bench", submitterClient, account.GetProperty("id").GetString()!);
    }

    private async Task<TimeSpan> RawAsync(StorageClients storage, string tenant, int count, int concurrency)
    {
        var table = storage.Table(TableNames.TenantData);
        var queue = storage.Queues.GetQueueClient(QueueNames.PaymentsSign);
        var payload = new string('x', 900); // about the size of a payment row's JSON columns
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (_, ct) =>
        {
            var id = Guid.NewGuid().ToString("N");
            await table.SubmitTransactionAsync(
            [
                new(TableTransactionActionType.Add, new TableEntity(tenant, "rawpay|" + id) { ["Body"] = payload, ["Status"] = "approved" }),
                new(TableTransactionActionType.Add, new TableEntity(tenant, "rawidem|" + id) { ["Response"] = payload }),
                new(TableTransactionActionType.Add, new TableEntity(tenant, "rawaudit|" + id) { ["After"] = payload }),
                new(TableTransactionActionType.Add, new TableEntity(tenant, "rawoutbox|" + id) { ["Message"] = id }),
                // The newest-first list index row the host writes in the same transaction (issue #19 item 6).
                new(TableTransactionActionType.Add, new TableEntity(tenant, "rawlist|" + id) { ["PaymentId"] = id, ["Amount"] = "125.00" }),
            ], ct);
            await queue.SendMessageAsync($"{{\"tenantId\":\"{tenant}\",\"paymentId\":\"{id}\"}}", ct);
        });
        return watch.Elapsed;
    }

    private static async Task<TimeSpan> HostAsync(HttpClient submitter, string account, int count, int concurrency)
    {
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, ct) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "v1/payments")
            {
                Content = JsonContent.Create(new
                {
                    debtorAccountId = account,
                    amount = new { currency = "EUR", value = "125.00" },
                    creditor = new { name = "Muster GmbH", iban = "GB82WEST12345698765432", bic = "NWBKGB2L" },
                    remittanceInformation = "Invoice " + i,
                }),
            };
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            using var response = await submitter.SendAsync(request, ct);
            if ((int)response.StatusCode != 201)
            {
                throw new InvalidOperationException($"POST /v1/payments: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
            }
        });
        return watch.Elapsed;
    }

    private async Task BatchAsync(HttpClient submitter, string account)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new
        {
            debtorAccountId = account,
            kind = "payroll",
            items = Enumerable.Range(0, 10_000).Select(i => new
            {
                amount = new { currency = "EUR", value = $"{2000 + (i % 500)}.{i % 100:D2}" },
                creditor = new { name = $"Employee {i}", iban = "GB82WEST12345698765432" },
                remittanceInformation = "Salary 2026-11",
            }),
        });
        _counter.Reset();
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/payment-batches") { Content = content };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        var cpu = ProcessCpu();
        var watch = Stopwatch.StartNew();
        using var response = await submitter.SendAsync(request);
        watch.Stop();
        cpu = ProcessCpu() - cpu;
        if ((int)response.StatusCode != 201)
        {
            throw new InvalidOperationException($"batch: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        Console.WriteLine($"10,000-item payroll: accepted in {watch.Elapsed.TotalSeconds:F2} s with {_counter.Count} storage operations " +
            $"({body.Length / 1024} KiB body; targets <= 3 s, <= 110); {cpu.TotalSeconds:F2} s CPU in this process");
    }

    /// <summary>
    /// CPU time of this process (host, client and the storage SDK; Azurite is another process): on the shared 2-core
    /// machine wall time swings with the neighbours' load, CPU time much less, so the encryption cost shows in it.
    /// </summary>
    private static TimeSpan ProcessCpu()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    private HttpClient Client(string key)
    {
        var client = new HttpClient { BaseAddress = _base };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    private static async Task<string> Key(HttpClient op, string role)
    {
        var json = await Post(op, "v1/admin/tenants/bench/api-keys", new { name = role, roles = new[] { role } });
        return json.GetProperty("key").GetString()!;
    }

    private static async Task<JsonElement> Post(HttpClient client, string path, object body)
    {
        var response = await client.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode ? JsonDocument.Parse(text).RootElement : throw new InvalidOperationException($"{path}: {text}");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _azurite.Dispose();
    }
}
