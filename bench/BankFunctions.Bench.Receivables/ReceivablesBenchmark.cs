using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using BankFunctions.Bench.Common;
using BankFunctions.Domain;
using BankFunctions.Domain.Ids;
using BankFunctions.Features.Payments;
using BankFunctions.Features.Profiles;
using BankFunctions.Features.Receivables;
using BankFunctions.Features.Runtime;
using BankFunctions.Features.Statements;
using BankFunctions.Host.Setup;
using BankFunctions.Storage;
using BankFunctions.Storage.Rows;
using BankFunctions.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BankFunctions.Bench.Receivables;

/// <summary>
/// Issue #17: automatic matching of a 10,000-entry day against 10,000 open expected payments. The real statements-pull
/// handler fetches the day's camt.053 over HTTP and stores it in Azurite — once into an account without expected
/// payments (storing alone, the reference), once into an account with one open expected payment per entry (storing +
/// matching + settling); the difference is what matching costs. Then the same day pulled again (every entry settled
/// already: nothing may change), and the pure matcher alone in memory.
/// </summary>
public sealed class ReceivablesBenchmark : IAsyncDisposable
{
    private const string OperatorKey = "bench-operator-key-0123456789abcdef";
    private const string StoreOnlyIban = "DE44500105175407324931";
    private const string MatchingIban = "DE89370400440532013000";

    private static readonly string[] RuleOfQuarter =
        [MatchRule.StructuredReference.ToWire(), MatchRule.ReferenceInRemittance.ToWire(), MatchRule.AmountAndCounterparty.ToWire(), MatchRule.AmountAndDate.ToWire()];

    private readonly AzuriteFixture _azurite;
    private readonly WebApplication _bank;
    private readonly WebApplication _host;
    private readonly HttpClient _client;
    private readonly Dictionary<string, byte[]> _files = new(StringComparer.Ordinal);

    private ReceivablesBenchmark(AzuriteFixture azurite, WebApplication bank, WebApplication host, Uri hostAddress)
    {
        _azurite = azurite;
        _bank = bank;
        _host = host;
        _client = new HttpClient { BaseAddress = hostAddress };
    }

    public static async Task<ReceivablesBenchmark> StartAsync()
    {
        var stack = await PullBenchStack.StartAsync(OperatorKey);
        var (azurite, bankApp, host) = (stack.Azurite, stack.Bank, stack.Host);
        var bench = new ReceivablesBenchmark(azurite, bankApp, host, stack.HostAddress);

        bankApp.MapGet("/iso/v1/accounts/{account}/statements", (string account) => Results.Bytes(bench._files[account], "application/xml"));
        bankApp.MapGet("/iso/v1/accounts/{account}/notifications", (string account) => Results.Bytes(CamtDay.QuietFeed(account, false, bench.Today()), "application/xml"));
        bankApp.MapGet("/iso/v1/accounts/{account}/reports", (string account) => Results.Bytes(CamtDay.QuietFeed(account, true, bench.Today()), "application/xml"));
        await bankApp.StartAsync();
        return bench;
    }

    public async Task RunAsync(int entries)
    {
        var day = Today().AddDays(-1);
        var data = new ReceivablesDay(entries);
        _files[StoreOnlyIban] = data.Camt053(StoreOnlyIban, day);
        _files[MatchingIban] = data.Camt053(MatchingIban, day);
        var tenant = await CreateTenantAsync();
        var storeOnly = await CreateAccountAsync(StoreOnlyIban);
        var matching = await CreateAccountAsync(MatchingIban);
        Console.WriteLine($"Receivables benchmark: a camt.053 day of {entries:N0} credits ({_files[MatchingIban].Length / 1024.0 / 1024.0:F1} MiB) against {entries:N0} open expected payments, "
            + $"a quarter per matching rule; Azurite (test fixture), {Environment.ProcessorCount} cores");

        var rows = ExpectedRows(data, tenant, matching, day);
        var pure = PureMatching(data, rows, day);
        Report("(reference) matcher alone, in memory", entries, pure);

        var setUp = Stopwatch.StartNew();
        await InsertAsync(rows);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  set-up: {entries:N0} expected payments written in {setUp.Elapsed.TotalSeconds:F1} s (not measured)"));

        var stored = await PullAsync(tenant, storeOnly);
        Report("pull → stored, no expected payments", entries, stored);
        var settled = await PullAsync(tenant, matching);
        Report("pull → stored + matched + settled", entries, settled);
        Report("matching + settling alone (difference)", entries, settled - stored);
        await VerifyAsync(tenant, matching, entries);

        await ResetCursorAsync(tenant, matching);
        var again = await PullAsync(tenant, matching);
        Report("same day pulled again (all settled)", entries, again);
        await VerifyAsync(tenant, matching, entries);
        Console.WriteLine("  every expected payment reconciled once, by its quarter's rule, after both pulls");
    }

    private static void Report(string what, int count, TimeSpan elapsed) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {what,-42} {count,8:N0} entries in {elapsed.TotalSeconds,7:F2} s = {count / elapsed.TotalSeconds,9:N0} entries/s"));

    /// <summary>Expected payment i for entry i, through the same validation as POST /v1/expected-payments.</summary>
    private static List<ExpectedPaymentRow> ExpectedRows(ReceivablesDay data, string tenant, string account, DateOnly day)
    {
        var accountRow = new AccountRow { AccountId = account, Currency = "EUR" };
        var now = DateTimeOffset.UtcNow;
        var window = new DateWindowInput(day.AddDays(-10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), day.AddDays(10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        var rows = new List<ExpectedPaymentRow>(data.Count);
        for (var i = 0; i < data.Count; i++)
        {
            var q = i % 4;
            var input = new ExpectedPaymentInput(account, "credit", new AmountInput("EUR", ReceivablesDay.Amount(i).ToString("0.00", CultureInfo.InvariantCulture)), null, window,
                q == 2 ? new CounterpartyInput("Customer " + i, ReceivablesDay.PayerAccount(i)) : null,
                q switch { 0 => data.Rf(i), 1 => ReceivablesDay.Invoice(i), _ => null }, null, i.ToString(CultureInfo.InvariantCulture), null);
            var result = ExpectedPaymentRules.Check(input, accountRow, tenant, ExpectedPaymentId.New(now).Value, "bench", now);
            rows.Add(result is ExpectedPaymentRules.Valid valid ? valid.Row : throw new InvalidOperationException($"expected payment {i}: {JsonSerializer.Serialize(((ExpectedPaymentRules.Invalid)result).Errors)}"));
        }
        return rows;
    }

    private static TimeSpan PureMatching(ReceivablesDay data, List<ExpectedPaymentRow> rows, DateOnly day)
    {
        var entries = Enumerable.Range(0, data.Count).Select(i => new MatchableEntry("e" + i, Money.Of(ReceivablesDay.Amount(i), "EUR"), day,
            RemittanceWords.Key(ReceivablesDay.PayerAccount(i)), data.Remittance(i))).ToList();
        var watch = Stopwatch.StartNew();
        var matcher = new ReceivableMatcher(rows.Select(ExpectedPaymentRows.ToMatchable));
        var matched = entries.Select(matcher.Match).ToList();
        watch.Stop();
        for (var i = 0; i < data.Count; i++)
        {
            if (matched[i] is not { } m || m.Rule.ToWire() != RuleOfQuarter[i % 4] || m.Allocations.Single().ExpectedPaymentId != rows[i].ExpectedPaymentId)
            {
                throw new InvalidOperationException($"entry {i} matched {matched[i]}, not expected payment {i} by {RuleOfQuarter[i % 4]}");
            }
        }
        return watch.Elapsed;
    }

    private async Task InsertAsync(List<ExpectedPaymentRow> rows)
    {
        var table = _host.Services.GetRequiredService<StorageClients>().Table(TableNames.TenantData);
        foreach (var wave in rows.Chunk(100).Chunk(8))
        {
            await Task.WhenAll(wave.Select(chunk => table.SubmitTransactionAsync(chunk.Select(r => new TableTransactionAction(TableTransactionActionType.Add, r)))));
        }
    }

    /// <summary>Every expected payment reconciled exactly once, by the rule its quarter was made for.</summary>
    private async Task VerifyAsync(string tenant, string account, int entries)
    {
        var table = _host.Services.GetRequiredService<StorageClients>().Table(TableNames.TenantData);
        var filter = TableKeys.PrefixFilter(TableKeys.TenantPartition(tenant), TableKeys.ExpectedPaymentPrefix) + $" and AccountId eq '{account}'";
        var count = 0;
        await foreach (var row in table.QueryAsync<ExpectedPaymentRow>(filter))
        {
            var i = int.Parse(row.ExternalId!, CultureInfo.InvariantCulture);
            var settlements = ExpectedPaymentRows.Settlements(row);
            if (row.Status != "reconciled" || settlements.Count != 1 || settlements[0].Rule != RuleOfQuarter[i % 4])
            {
                throw new InvalidOperationException($"expected payment {i} is {row.Status} with {row.Settlements}");
            }
            count++;
        }
        if (count != entries)
        {
            throw new InvalidOperationException($"{count} expected payments, not {entries}");
        }
    }

    private async Task<TimeSpan> PullAsync(string tenant, string account)
    {
        using var scope = _host.Services.CreateScope();
        var handler = scope.ServiceProvider.GetRequiredService<PullStatements>();
        var watch = Stopwatch.StartNew();
        await handler.HandleAsync(new QueueMessageContext("statements-pull", "bench", new PullMessage(tenant, account, "bench").ToJson(), 1, null), CancellationToken.None);
        return watch.Elapsed;
    }

    private async Task ResetCursorAsync(string tenant, string account)
    {
        var table = _host.Services.GetRequiredService<StorageClients>().Table(TableNames.Statements);
        await table.DeleteEntityAsync(TableKeys.StatementPartition(tenant, account), TableKeys.PullStateRow("camt.053"));
    }

    private string? _connection;

    private async Task<string> CreateTenantAsync()
    {
        _client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", OperatorKey);
        var tenant = "bench" + Guid.NewGuid().ToString("N")[..8];
        await Post("v1/admin/tenants", new { id = tenant, name = "Bench" });
        var key = (await Post($"v1/admin/tenants/{tenant}/api-keys", new { name = "admin", roles = new[] { "admin" } })).GetProperty("key").GetString();
        _client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        _connection = (await Post("v1/bank-connections", new { bank = "simbank-iso", customerId = "BENCH" })).GetProperty("id").GetString();
        return tenant;
    }

    private async Task<string> CreateAccountAsync(string iban) =>
        (await Post("v1/accounts", new { bankConnectionId = _connection, iban, currency = "EUR", name = "Receivables " + iban[..4] })).GetProperty("id").GetString()!;

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
