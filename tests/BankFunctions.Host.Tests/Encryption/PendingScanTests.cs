using System.Net;
using System.Net.Http.Json;
using BankFunctions.Features.Events;
using BankFunctions.Storage;
using BankFunctions.Storage.Rows;
using static BankFunctions.Host.Tests.Payments.PaymentApi;
using static BankFunctions.Host.Tests.Statements.StatementImportApi;

namespace BankFunctions.Host.Tests.Encryption;

/// <summary>
/// Issue #16 where data waits: with the background work stopped, the events of payments and statement imports stay in
/// their pending rows (tenant partition, and an account's statement partition before the relay) and the messages in
/// their queues. The scan reads them raw, decompressing the pending events, and finds no sensitive value in clear.
/// </summary>
public sealed class PendingScanTests(EncryptedStoppedHostFixture fixture) : IClassFixture<EncryptedStoppedHostFixture>
{
    [Fact]
    public async Task No_sensitive_value_is_in_clear_in_a_pending_event_row_or_a_queue_message()
    {
        var (_, secrets) = await StoppedRuntimeScenario.RunAsync(fixture.Host);

        var scan = await PlaintextScan.FindAsync(fixture.Host.Azurite.ConnectionString, secrets);

        Assert.True(scan.Found.Count == 0, "in clear:\n" + string.Join('\n', scan.Found));
        Assert.True(scan.PendingRows.GetValueOrDefault(TableNames.TenantData) > 0, "no pending row in the tenant partition was scanned");
        Assert.True(scan.PendingRows.GetValueOrDefault(TableNames.Statements) > 0, "no pending row in a statement partition was scanned");
        Assert.True(scan.QueueMessages >= 3, $"{scan.QueueMessages} queue messages scanned");
    }
}

/// <summary>The scan can fail: with encryption off it finds the values inside the pending events; queue messages carry none.</summary>
public sealed class PendingScanControlTests(PlainStoppedHostFixture fixture, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<PlainStoppedHostFixture>
{
    [Fact]
    public async Task With_encryption_off_the_scan_finds_the_values_inside_the_pending_events_and_peeks_the_queues()
    {
        var (tenant, secrets) = await StoppedRuntimeScenario.RunAsync(fixture.Host);

        var scan = await PlaintextScan.FindAsync(fixture.Host.Azurite.ConnectionString, secrets);

        output.WriteLine($"pending rows {string.Join(", ", scan.PendingRows)}; largest {scan.LargestPendingRow} bytes; queue messages {string.Join(", ", scan.Queues)}");
        foreach (var secret in secrets)
        {
            Assert.Contains(scan.Found, f => f.EndsWith(": " + secret, StringComparison.Ordinal));
        }
        bool InPending(string table, string partition, string secret) => scan.Found.Any(f =>
            f.StartsWith($"{table}/{partition}/{TableKeys.EventPendingPrefix}", StringComparison.Ordinal) && f.EndsWith(" (gzip): " + secret, StringComparison.Ordinal));
        foreach (var secret in StoppedRuntimeScenario.PaymentSecrets)
        {
            Assert.True(InPending(TableNames.TenantData, tenant.Id, secret), $"{secret} not found in a pending row of the tenant partition");
        }
        foreach (var secret in StoppedRuntimeScenario.PayerSecrets)
        {
            Assert.True(InPending(TableNames.TenantData, tenant.Id, secret), $"{secret} not found in a relayed pending row");
            Assert.True(InPending(TableNames.Statements, TableKeys.StatementPartition(tenant.Id, tenant.EurAccount), secret), $"{secret} not found in a statement partition's pending row");
        }
        Assert.True(scan.QueueMessages >= 3, $"{scan.QueueMessages} queue messages scanned");
        Assert.DoesNotContain(scan.Found, f => f.StartsWith("queue ", StringComparison.Ordinal));
    }
}

/// <summary>
/// Changes that leave events and messages behind while nothing runs: an EUR payment submitted and approved, a CNY
/// payment approved on submission (both then wait in the signing queue), a statement import with a payer's credit (its
/// events relayed to the tenant's pending set, and left in the account's statement partition as by a crash before the
/// relay) and a refresh (a pull message). Returns the tenant and the sensitive values stored.
/// </summary>
internal static class StoppedRuntimeScenario
{
    private const string Iban = "DE89370400440532013000"; // the accounts of HostFixture.CreateTenantWithAccountsAsync
    private const string CnyNumber = "755915678810001";

    public static readonly string[] PaymentSecrets = ["Muster GmbH", "GB82WEST12345698765432", "Invoice 42", "深圳市供应商有限公司", "6225880112345678", "货款 2026-11"];
    public static readonly string[] PayerSecrets = [PlaintextScan.PayerName, PlaintextScan.PayerAccount, PlaintextScan.PayerRemittance];

    public static async Task<(TestTenant Tenant, string[] Secrets)> RunAsync(HostFixture host)
    {
        var t = await host.CreateTenantWithAccountsAsync();
        using var admin = host.Client(t.Key("admin"));
        using var submitter = host.Client(t.Key("submitter"));
        using var approver = host.Client(t.Key("approver"));
        (await admin.PutAsJsonAsync("v1/approval-rules", new
        {
            rules = new[] { new { currency = "EUR", minAmount = "0.00", approvals = 1 }, new { currency = "CNY", minAmount = "0.00", approvals = 0 } },
        })).EnsureSuccessStatusCode();

        var eur = await Json(await Submit(submitter, EurPayment(t.EurAccount)));
        Assert.Equal("pending_approval", eur.GetProperty("status").GetString());
        (await Act(approver, $"v1/payments/{eur.GetProperty("id").GetString()}/approve")).EnsureSuccessStatusCode();
        Assert.Equal("approved", (await Json(await Submit(submitter, CnyPayment(t.CnyAccount)))).GetProperty("status").GetString());

        // The import relays its events to the tenant's pending set at once; an ingest that crashed before the relay
        // leaves them in the account's statement partition, as this row does (the sweep relays it, but nothing runs).
        Assert.Equal(HttpStatusCode.OK, (await ImportAsync(admin, t.EurAccount, Credit())).Status);
        var partition = TableKeys.StatementPartition(t.Id, t.EurAccount);
        var statements = host.Services.GetRequiredService<StorageClients>().Table(TableNames.Statements);
        var booked = await statements.QueryAsync<StatementEntryRow>(TableKeys.PrefixFilter(partition, TableKeys.EntryPrefix)).ToListAsync();
        Assert.Contains(booked, e => e.CounterpartyName == PlaintextScan.PayerName);
        await statements.AddEntityAsync(AccountEvents.PendingRow(partition, booked.Select(AccountEvents.Booked).ToList(),
            host.Services.GetRequiredService<TimeProvider>().GetUtcNow()));
        Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsync($"v1/accounts/{t.EurAccount}/refresh", null)).StatusCode);

        using var viewer = host.Client(t.Key("viewer"));
        var transactions = await TransactionsAsync(viewer, t.EurAccount);
        Assert.Contains(transactions, x => x.GetRawText().Contains(PlaintextScan.PayerName, StringComparison.Ordinal));
        return (t, [.. PaymentSecrets, .. PayerSecrets, Iban, CnyNumber]);
    }

    /// <summary>A camt.053 of one day with one credit from the payer (name, account and remittance as a bank reports them).</summary>
    private static string Credit()
    {
        var file = Statements.StatementFiles.Camt(false, Iban, "SCAN-1", 1000.00m, [new("SCANREF1", 40.00m, new DateOnly(2026, 11, 26), false, "E2E-SCANREF1")]);
        return file.Replace("</Refs></TxDtls>",
            $"</Refs><RltdPties><Dbtr><Pty><Nm>{PlaintextScan.PayerName}</Nm></Pty></Dbtr><DbtrAcct><Id><IBAN>{PlaintextScan.PayerAccount}</IBAN></Id></DbtrAcct></RltdPties>"
            + $"<RmtInf><Ustrd>{PlaintextScan.PayerRemittance}</Ustrd></RmtInf></TxDtls>", StringComparison.Ordinal);
    }
}
