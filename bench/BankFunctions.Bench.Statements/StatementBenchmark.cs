using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using BankFunctions.Bench.Common;
using BankFunctions.Features.Profiles;
using BankFunctions.Features.Runtime;
using BankFunctions.Features.Statements;
using BankFunctions.Formats.Statements;
using BankFunctions.Host.Setup;
using BankFunctions.Storage;
using BankFunctions.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BankFunctions.Bench.Statements;

/// <summary>
/// Pull-to-stored throughput for one account's busy day: the real statements-pull handler fetches a 10,000-entry
/// camt.053 over HTTP through the ISO adapter, keeps the raw file in Blob Storage, parses it, reconciles every entry
/// against the reference index and stores each once in Azurite. Then the same day pulled again (cursor reset: every
/// entry a duplicate), and the parse alone as the reference measured in the same run.
/// </summary>
public sealed class StatementBenchmark : IAsyncDisposable
{
    private const string OperatorKey = "bench-operator-key-0123456789abcdef";
    private const string Iban = "DE44500105175407324931";

    private readonly AzuriteFixture _azurite;
    private readonly WebApplication _bank;
    private readonly WebApplication _host;
    private readonly HttpClient _client;
    private byte[] _file = [];

    private StatementBenchmark(AzuriteFixture azurite, WebApplication bank, WebApplication host, Uri hostAddress)
    {
        _azurite = azurite;
        _bank = bank;
        _host = host;
        _client = new HttpClient { BaseAddress = hostAddress };
    }

    public static async Task<StatementBenchmark> StartAsync()
    {
        var stack = await PullBenchStack.StartAsync(OperatorKey);
        var (azurite, bankApp, host) = (stack.Azurite, stack.Bank, stack.Host);
        var bench = new StatementBenchmark(azurite, bankApp, host, stack.HostAddress);

        // The bank: the day's statement, and quiet notification/report feeds.
        bankApp.MapGet("/iso/v1/accounts/{account}/statements", () => Results.Bytes(bench._file, "application/xml"));
        bankApp.MapGet("/iso/v1/accounts/{account}/notifications", () => Results.Bytes(CamtDay.QuietFeed(Iban, false, bench.Today()), "application/xml"));
        bankApp.MapGet("/iso/v1/accounts/{account}/reports", () => Results.Bytes(CamtDay.QuietFeed(Iban, true, bench.Today()), "application/xml"));
        await bankApp.StartAsync();
        return bench;
    }

    public async Task RunAsync(int entries)
    {
        var day = Today().AddDays(-1);
        _file = DayStatement.Camt053(Iban, day, entries);
        var (tenant, account) = await SetUpAsync();
        Console.WriteLine($"Statements benchmark: one camt.053 day of {entries:N0} entries ({_file.Length / 1024.0 / 1024.0:F1} MiB), Azurite (test fixture, data on tmpfs), {Environment.ProcessorCount} cores");

        var parse = Stopwatch.StartNew();
        var parsed = StatementParser.Parse(new MemoryStream(_file), "day.xml", new StatementParseOptions { RetainEntries = false });
        parse.Stop();
        Report("(reference) parse only", parsed.Statements.Sum(s => s.EntryCount), parse.Elapsed);

        var first = await PullAsync(tenant, account);
        var stored = await CountAsync(tenant, account);
        Report("pull → stored (all new)", stored, first);
        if (stored != entries)
        {
            throw new InvalidOperationException($"expected {entries} stored entries, found {stored}");
        }

        await ResetCursorAsync(tenant, account);
        var again = await PullAsync(tenant, account);
        var after = await CountAsync(tenant, account);
        Report("same day pulled again (all duplicates)", entries, again);
        Console.WriteLine($"  entries stored after the second pull: {after:N0} (must equal {entries:N0})");
        if (after != entries)
        {
            throw new InvalidOperationException("the second pull stored duplicates");
        }
    }

    private static void Report(string what, int count, TimeSpan elapsed) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {what,-40} {count,8:N0} entries in {elapsed.TotalSeconds,7:F2} s = {count / elapsed.TotalSeconds,9:N0} entries/s"));

    private async Task<TimeSpan> PullAsync(string tenant, string account)
    {
        using var scope = _host.Services.CreateScope();
        var handler = scope.ServiceProvider.GetRequiredService<PullStatements>();
        var watch = Stopwatch.StartNew();
        await handler.HandleAsync(new QueueMessageContext("statements-pull", "bench", new PullMessage(tenant, account, "bench").ToJson(), 1, null), CancellationToken.None);
        return watch.Elapsed;
    }

    private async Task<int> CountAsync(string tenant, string account)
    {
        var table = _host.Services.GetRequiredService<StorageClients>().Table(TableNames.Statements);
        var count = 0;
        await foreach (var _ in table.QueryAsync<Azure.Data.Tables.TableEntity>(
            TableKeys.PrefixFilter(TableKeys.StatementPartition(tenant, account), TableKeys.EntryPrefix), select: ["RowKey"]))
        {
            count++;
        }
        return count;
    }

    private async Task ResetCursorAsync(string tenant, string account)
    {
        var table = _host.Services.GetRequiredService<StorageClients>().Table(TableNames.Statements);
        await table.DeleteEntityAsync(TableKeys.StatementPartition(tenant, account), TableKeys.PullStateRow("camt.053"));
    }

    private async Task<(string Tenant, string Account)> SetUpAsync()
    {
        _client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", OperatorKey);
        var tenant = "bench" + Guid.NewGuid().ToString("N")[..8];
        await Post("v1/admin/tenants", new { id = tenant, name = "Bench" });
        var key = (await Post($"v1/admin/tenants/{tenant}/api-keys", new { name = "admin", roles = new[] { "admin" } })).GetProperty("key").GetString();
        _client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var connection = await Post("v1/bank-connections", new { bank = "simbank-iso", customerId = "BENCH" });
        var account = await Post("v1/accounts", new { bankConnectionId = connection.GetProperty("id").GetString(), iban = Iban, currency = "EUR", name = "Busy account" });
        return (tenant, account.GetProperty("id").GetString()!);
    }

    private async Task<JsonElement> Post(string path, object body)
    {
        var response = await _client.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode ? JsonDocument.Parse(text).RootElement : throw new InvalidOperationException($"{path}: {text}");
    }

    /// <summary>The bank's business day, from its configured profile (the host's, so both agree on the date).</summary>
    private DateOnly Today() => _host.Services.GetRequiredService<BankProfiles>().Today("simbank-iso", DateTimeOffset.UtcNow);

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _host.StopAsync();
        await _host.DisposeAsync();
        await _bank.StopAsync();
        await _bank.DisposeAsync();
        _azurite.Dispose();
    }
}
