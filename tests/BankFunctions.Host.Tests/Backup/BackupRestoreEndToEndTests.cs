using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using BankFunctions.Cli.Backup;
using BankFunctions.Host.Tests.EndToEnd;
using BankFunctions.Host.Tests.Statements;
using BankFunctions.Storage;
using BankFunctions.TestSupport;
using static BankFunctions.Host.Tests.Payments.PaymentApi;

namespace BankFunctions.Host.Tests.Backup;

/// <summary>Its own host + Azurite + BankSim: the backup must be taken of a quiet account, not one other tests write to.</summary>
public sealed class BackupEndToEndFixture : EndToEndFixture;

/// <summary>
/// Issue #16 "Backup and restore": payments and statements end to end, one tenant backed up, restored into a second
/// Azurite behind a second host; every GET of the API answers the same there, the audit trail verifies (seals, hash chain
/// and signed checkpoints, issue #16 "Audit that proves itself"), and the backup
/// holds nothing of the other tenant. A tampered file fails verify, naming the file; a second restore is refused.
/// </summary>
public sealed class BackupRestoreEndToEndTests(BackupEndToEndFixture e2e) : BackupRestoreScenario(e2e), IClassFixture<BackupEndToEndFixture>;

/// <summary>
/// The same scenario with encryption at rest on (issue #16): the backup holds the sealed rows and blobs and the
/// tenant's wrapped data keys, so no account number is in clear in any backup file, and a host over the restored
/// account with the same key-encryption key answers every GET the same.
/// </summary>
public sealed class BackupRestoreWithEncryptionEndToEndTests(Encryption.EncryptedEndToEndFixture e2e)
    : BackupRestoreScenario(e2e), IClassFixture<Encryption.EncryptedEndToEndFixture>
{
    private readonly string _keyFile = e2e.KeyFile;

    protected override void ConfigureRestored(HostFixture restored)
    {
        restored.Settings["Encryption:Kek"] = "file";
        restored.Settings["Encryption:KeyFile"] = _keyFile;
    }

    protected override void AssertAtRest(string backup, EndToEndFixture.Onboarded o)
    {
        Assert.NotEmpty(Cli.Rows(backup, TableNames.TenantKeys));
        foreach (var file in Directory.EnumerateFiles(backup, "*", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            Assert.False(text.Contains(o.IsoIban, StringComparison.Ordinal) || text.Contains(o.CnyNumber, StringComparison.Ordinal),
                $"{Path.GetRelativePath(backup, file)} holds an account number in clear");
        }
    }
}

/// <summary>The backup/restore scenario, run on a plain and on an encrypted host.</summary>
public abstract class BackupRestoreScenario(EndToEndFixture e2e)
{
    /// <summary>Settings the host over the restored account needs beyond the defaults.</summary>
    protected virtual void ConfigureRestored(HostFixture restored)
    {
    }

    /// <summary>What must hold of the backup files as stored.</summary>
    protected virtual void AssertAtRest(string backup, EndToEndFixture.Onboarded o)
    {
    }

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task A_tenant_restored_into_a_second_account_answers_every_GET_the_same()
    {
        // Statements only when imported here (never on a schedule), so nothing changes the account after the flows.
        var a = await e2e.OnboardAsync(pullSchedule: "0 0 0 1 1 *");
        var b = await e2e.OnboardAsync(pullSchedule: "0 0 0 1 1 *");
        var aIds = await FlowsAsync(a);
        await FlowsAsync(b);
        // The audit chain's checkpoints (rows + signed blobs) are part of what is backed up: several, so verify on the
        // restored store walks more than one segment.
        var checkpoints = await AuditTrail.AuditChainHost.ChainAsync(e2e.Host.Services, a.Tenant.Id, rowsPerCheckpoint: 8);
        Assert.True(checkpoints >= 2, $"{checkpoints} checkpoints");

        var before = await SnapshotAsync(e2e.Host, a, aIds);
        // What is compared is substantial: every route answered, with the flows' data in it.
        Assert.True(before.Count >= 25, string.Join(Environment.NewLine, before.Keys));
        Assert.Contains(before, kv => kv.Key.StartsWith($"v1/accounts/{a.EurAccount}/transactions", StringComparison.Ordinal) && kv.Value.Contains("INV-77", StringComparison.Ordinal));
        Assert.Contains(before, kv => kv.Key.StartsWith("v1/audit page", StringComparison.Ordinal) && kv.Value.StartsWith("200 ", StringComparison.Ordinal) && kv.Value.Contains("payment.", StringComparison.Ordinal));
        // Both banks' e-receipts, payment and entry routes, compared by their bytes' hash and digest headers.
        Assert.Equal(2, before.Count(kv => kv.Key.StartsWith("v1/payments/", StringComparison.Ordinal) && kv.Key.Contains("/receipt", StringComparison.Ordinal) && kv.Value.StartsWith("200 application/", StringComparison.Ordinal)));
        Assert.Contains(before, kv => kv.Key.Contains("/transactions/", StringComparison.Ordinal) && kv.Value.StartsWith("200 application/pdf sha256=", StringComparison.Ordinal));
        Assert.Contains(before, kv => kv.Key.Contains("/transactions/", StringComparison.Ordinal) && kv.Value.StartsWith("200 application/xml sha256=", StringComparison.Ordinal));
        Assert.Equal(aIds.Payments.Count, before.Count(kv => kv.Key.StartsWith("v1/payments/", StringComparison.Ordinal) && !kv.Key.Contains("/attention", StringComparison.Ordinal) && kv.Value.Contains("\"completed\"", StringComparison.Ordinal)));
        var backup = Cli.NewDirectory();
        try
        {
            var made = Cli.Run("backup", "--tenant", a.Tenant.Id, "--out", backup, "--connection-string", e2e.Host.Azurite.ConnectionString);
            Assert.True(made.ExitCode == 0, made.Error);
            AssertOnlyTenant(backup, a.Tenant.Id, b.Tenant.Id);
            AssertAtRest(backup, a);
            Assert.Equal(0, Cli.Run("verify", "--from", backup).ExitCode);
            // Nothing moved meanwhile: the comparison below is against what was backed up.
            AssertSameAnswers(before, await SnapshotAsync(e2e.Host, a, aIds));

            var restored = new HostFixture();
            ConfigureRestored(restored);
            try
            {
                var restore = Cli.Run("restore", "--from", backup, "--connection-string", restored.Azurite.ConnectionString);
                Assert.True(restore.ExitCode == 0, restore.Error);
                await restored.InitializeAsync();
                var after = await SnapshotAsync(restored, a, aIds);
                AssertSameAnswers(before, after);
                using var admin = restored.Client(a.Tenant.Key("admin"));
                var verify = await admin.GetFromJsonAsync<JsonElement>("v1/audit/verify");
                Assert.True(verify.GetProperty("valid").GetBoolean(), verify.ToString());
                Assert.True(verify.GetProperty("checked").GetInt32() > 10, verify.ToString());
                // The restored trail proves itself against the restored checkpoints, every row covered by one.
                Assert.Equal(checkpoints, verify.GetProperty("checkpoints").GetInt32());
                Assert.Equal(0, verify.GetProperty("uncheckpointed").GetInt32());
                Assert.False(verify.TryGetProperty("firstBrokenLink", out _), verify.ToString());
                // The other tenant's keys do not exist there.
                using var other = restored.Client(b.Tenant.Key("viewer"));
                Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await other.GetAsync("v1/payments")).StatusCode);

                // Restoring again over what is now there is refused, precisely, and writes nothing.
                var again = Cli.Run("restore", "--from", backup, "--connection-string", restored.Azurite.ConnectionString);
                Assert.Equal(3, again.ExitCode);
                Assert.Contains($"refusing to restore over existing data: table {TableNames.TenantData} is not empty for tenant {a.Tenant.Id}", again.Error, StringComparison.Ordinal);
                Assert.Contains("--overwrite", again.Error, StringComparison.Ordinal);
                // With --overwrite the rows are replaced by the same rows: the answers do not change.
                Assert.Equal(0, Cli.Run("restore", "--from", backup, "--overwrite", "--connection-string", restored.Azurite.ConnectionString).ExitCode);
                AssertSameAnswers(after, await SnapshotAsync(restored, a, aIds));
            }
            finally
            {
                await restored.DisposeAsync();
            }

            // Tampering: one byte of a table file, one of a blob; verify names each file, restore refuses.
            var tableFile = Path.Combine(backup, BackupFile.TablePath(TableNames.TenantData));
            var bytes = await File.ReadAllBytesAsync(tableFile);
            bytes[bytes.Length / 2] ^= 0x20;
            await File.WriteAllBytesAsync(tableFile, bytes);
            var blob = Directory.EnumerateFiles(Path.Combine(backup, "blobs", BlobContainers.BankFiles), "*", SearchOption.AllDirectories).First();
            await File.AppendAllTextAsync(blob, " ");
            var tampered = Cli.Run("verify", "--from", backup);
            Assert.Equal(3, tampered.ExitCode);
            Assert.Contains(BackupFile.TablePath(TableNames.TenantData) + ": ", tampered.Error, StringComparison.Ordinal);
            Assert.Contains(Path.GetRelativePath(backup, blob).Replace('\\', '/') + ": SHA-256", tampered.Error, StringComparison.Ordinal);
            var refused = Cli.Run("restore", "--from", backup, "--connection-string", e2e.Host.Azurite.ConnectionString);
            Assert.Equal(3, refused.ExitCode);
            Assert.Contains("does not verify, nothing restored", refused.Error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(backup, recursive: true);
        }
    }

    /// <summary>Ids created by the flows (payments, batch, expected payment) for the GETs that need one.</summary>
    private sealed record FlowIds(List<string> Payments);

    /// <summary>A EUR and a CNY payment to completion, a payroll batch, a counterparty, an expected payment settled by an imported statement.</summary>
    private async Task<FlowIds> FlowsAsync(EndToEndFixture.Onboarded o)
    {
        using var submitter = e2e.Host.Client(o.Tenant.Key("submitter"));
        using var admin = e2e.Host.Client(o.Tenant.Key("admin"));
        var eur = (await Json(await Submit(submitter, EurPayment(o.EurAccount, "250.00")))).GetProperty("id").GetString()!;
        // A counterparty with an account still pending approval: its rows and its state must come back as they were.
        await Counterparties.CounterpartyApi.CreatedAsync(submitter);
        // A person limited to one account (issue #15): the user row and its identity link come back; sessions do not.
        await People.PeopleApi.InviteAsync(admin, "Backup Person 备份", ["viewer", "approver"], [o.EurAccount], ["AP managers"]);
        var cny = (await Json(await Submit(submitter, CnyPayment(o.CnyAccount, "1250.00")))).GetProperty("id").GetString()!;
        var batch = await HostFixture.PostJson(submitter, "v1/payment-batches", new
        {
            debtorAccountId = o.EurAccount, kind = "payroll",
            items = Enumerable.Range(0, 3).Select(i => new { amount = new { currency = "EUR", value = $"{100 + i}.00" }, creditor = new { name = $"Employee {i}", iban = "GB82WEST12345698765432" }, remittanceInformation = "Salary" }),
        }, Guid.NewGuid().ToString("N"));
        await Receivables.ExpectedPaymentApi.CreatedIdAsync(submitter, Receivables.ExpectedPaymentApi.Credit(o.EurAccount, "77.00", "INV-77"));
        var day = DateOnly.FromDateTime(DateTime.UtcNow);
        var statement = StatementFiles.Mt940(o.IsoIban, 1, 1000m,
        [
            new(day, 77.00m, "INV-77", "B1", "INV-77 customer payment"),
            new(day, -12.50m, null, "B2", "Bank fees 财务"),
        ]);
        var imported = await StatementImportApi.ImportAsync(admin, o.EurAccount, statement);
        Assert.True(imported.Status is System.Net.HttpStatusCode.OK or System.Net.HttpStatusCode.Created, imported.Text);
        await e2e.WaitForAsync(o.Tenant, eur, Timeout, "completed");
        await e2e.WaitForAsync(o.Tenant, cny, Timeout, "completed");
        var batchId = batch.GetProperty("id").GetString()!;
        using var viewer = e2e.Host.Client(o.Tenant.Key("viewer"));
        await WaitUntilAsync(async () => (await viewer.GetFromJsonAsync<JsonElement>($"v1/payment-batches/{batchId}")).GetProperty("status").GetString() is "completed");
        // One pull of each account books the payments, and their e-receipts (issue #14) are fetched: binary answers compared too.
        Assert.Equal(System.Net.HttpStatusCode.Accepted, (await admin.PostAsync($"v1/accounts/{o.EurAccount}/refresh", null)).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, (await admin.PostAsync($"v1/accounts/{o.CnyAccount}/refresh", null)).StatusCode);
        foreach (var id in new[] { eur, cny })
        {
            await WaitUntilAsync(async () => (await viewer.GetAsync($"v1/payments/{id}/receipt")).StatusCode == System.Net.HttpStatusCode.OK);
        }
        // Every booked entry of the pulls has its receipt before the snapshot (the batch's items are booked too).
        foreach (var account in new[] { o.EurAccount, o.CnyAccount })
        {
            foreach (var entry in await EntryIdsAsync(viewer, account, bookedWithReference: true))
            {
                await WaitUntilAsync(async () => (await viewer.GetAsync($"v1/accounts/{account}/transactions/{entry}/receipt")).StatusCode == System.Net.HttpStatusCode.OK);
            }
        }
        return new FlowIds([eur, cny]);
    }

    /// <summary>
    /// Every GET route of the served OpenAPI document, each path parameter filled from the lists (so a new GET route is
    /// compared too, or fails here for want of a value), every page followed: "path → status + body".
    /// </summary>
    private static async Task<Dictionary<string, string>> SnapshotAsync(HostFixture host, EndToEndFixture.Onboarded o, FlowIds ids)
    {
        using var plain = new HttpClient { BaseAddress = host.BaseAddress };
        var document = JsonNode.Parse(await plain.GetStringAsync("openapi/v1.json"))!;
        using var admin = host.Client(o.Tenant.Key("all"));
        using var op = host.Client(HostFixture.OperatorKey);
        var answers = new Dictionary<string, string>(StringComparer.Ordinal);
        var lists = new Dictionary<string, List<string>>(StringComparer.Ordinal)
        {
            ["/v1/accounts/{id}"] = [o.EurAccount, o.CnyAccount],
            ["/v1/payments/{id}"] = ids.Payments,
            ["/v1/payment-batches/{id}"] = await IdsAsync(admin, "v1/payment-batches"),
            ["/v1/expected-payments/{id}"] = await IdsAsync(admin, "v1/expected-payments"),
            ["/v1/counterparties/{id}"] = await IdsAsync(admin, "v1/counterparties"),
            ["/v1/webhook-endpoints/{id}"] = await IdsAsync(admin, "v1/webhook-endpoints"),
            ["/v1/users/{id}"] = await IdsAsync(admin, "v1/users"),
        };
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            // /health reports the host's bank configuration and queues, not the data: the two hosts differ there on purpose.
            // The sanctions lists are the platform's, loaded by the operator, not a tenant's: a tenant backup leaves them out.
            // The overview is the whole platform's figures at a moment (every tenant, queue lengths, message ages), not a tenant's data.
            // The sign-in routes redirect to the identity provider (none is configured here).
            // The console's files and /v1/me are the build's and the caller's, not data.
            if (item!["get"] is null || path == "/health" || path == "/v1/admin/overview" || path == "/v1/me"
                || path.StartsWith("/console", StringComparison.Ordinal) || path.StartsWith("/auth/", StringComparison.Ordinal)
                || path.StartsWith("/v1/admin/screening-lists", StringComparison.Ordinal))
            {
                continue;
            }
            const string operatorScope = "/v1/admin/tenants/{tenantId}/";
            var tenantPath = path.StartsWith(operatorScope, StringComparison.Ordinal) ? "/v1/" + path[operatorScope.Length..] : path;
            var prefix = lists.Keys.FirstOrDefault(p => tenantPath.StartsWith(p, StringComparison.Ordinal));
            // A tenant's operator route without another id (the data key re-seal job) is read once.
            var values = path.Replace("{tenantId}", "", StringComparison.Ordinal).Contains('{', StringComparison.Ordinal)
                ? lists[prefix ?? throw new InvalidOperationException($"GET {path}: no ids to fill it with; add them to this test")]
                : [""];
            // A statement entry's routes: every entry of the account (its id as /transactions names it).
            var filled = new List<string>();
            foreach (var id in values)
            {
                var withId = path.Replace("{tenantId}", o.Tenant.Id, StringComparison.Ordinal).Replace("{id}", id, StringComparison.Ordinal);
                filled.AddRange(path.Contains("{entryId}", StringComparison.Ordinal)
                    ? (await EntryIdsAsync(admin, id, bookedWithReference: false)).Select(e => withId.Replace("{entryId}", e, StringComparison.Ordinal))
                    : [withId]);
            }
            foreach (var route in filled)
            {
                var concrete = route.TrimStart('/') + RequiredQuery(item["get"]!);
                var client = path.StartsWith("/v1/admin/", StringComparison.Ordinal) ? op : admin;
                string? cursor = null;
                var page = 0;
                do
                {
                    var url = cursor is null ? concrete : $"{concrete}{(concrete.Contains('?', StringComparison.Ordinal) ? '&' : '?')}cursor={Uri.EscapeDataString(cursor)}";
                    var response = await client.GetAsync(url);
                    var body = await Body(response);
                    answers[$"{concrete} page {page++}"] = $"{(int)response.StatusCode} {body}";
                    cursor = response.IsSuccessStatusCode && body.StartsWith('{') && JsonDocument.Parse(body).RootElement.TryGetProperty("nextCursor", out var next) && next.ValueKind == JsonValueKind.String
                        ? next.GetString() : null;
                }
                while (cursor is not null);
            }
        }
        return answers;
    }

    /// <summary>
    /// The query a GET refuses to run without (its required query parameters in the document), so that it answers the
    /// data rather than a 400: days around the flows for from/to; any other required parameter fails here.
    /// </summary>
    private static string RequiredQuery(JsonNode operation)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var required = (operation["parameters"]?.AsArray() ?? [])
            .Where(p => p!["in"]!.GetValue<string>() == "query" && p["required"]?.GetValue<bool>() == true)
            .Select(p => p!["name"]!.GetValue<string>() switch
            {
                "from" => $"from={today.AddDays(-7):yyyy-MM-dd}",
                "to" => $"to={today.AddDays(1):yyyy-MM-dd}",
                var name => throw new InvalidOperationException($"required query parameter {name}: no value for it; add one to this test"),
            })
            .ToList();
        return required.Count == 0 ? "" : "?" + string.Join('&', required);
    }

    /// <summary>The same GETs, each answering the same; a difference names the GET and shows both answers.</summary>
    private static void AssertSameAnswers(Dictionary<string, string> expected, Dictionary<string, string> actual)
    {
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (get, answer) in expected)
        {
            Assert.True(answer == actual[get], $"GET {get}{Environment.NewLine}expected: {answer}{Environment.NewLine}actual:   {actual[get]}");
        }
    }

    /// <summary>
    /// A JSON, problem or text answer as it is; a file (an e-receipt's PDF or XML) as its media type, SHA-256 and the
    /// ETag/Digest headers it came with, so binary answers compare byte for byte.
    /// </summary>
    private static async Task<string> Body(HttpResponseMessage response)
    {
        var media = response.Content.Headers.ContentType?.MediaType ?? "";
        if (media == "application/problem+json")
        {
            // A problem (an entry whose receipt the bank never gives, e.g. an imported one) names its request's trace: not data.
            var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
            problem.Remove("traceId");
            return problem.ToJsonString();
        }
        if (media is "" or "application/json" or "text/csv" or "text/plain")
        {
            return await response.Content.ReadAsStringAsync();
        }
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(await response.Content.ReadAsByteArrayAsync()));
        var digest = response.Headers.TryGetValues("Digest", out var d) ? string.Join(",", d) : "";
        return $"{media} sha256={sha} etag={response.Headers.ETag} digest={digest}";
    }

    /// <summary>The ids of an account's entries (every page); <paramref name="bookedWithReference"/>: only those a receipt is fetched for.</summary>
    private static async Task<List<string>> EntryIdsAsync(HttpClient client, string account, bool bookedWithReference)
    {
        var ids = new List<string>();
        string? cursor = null;
        do
        {
            var page = await client.GetFromJsonAsync<JsonElement>($"v1/accounts/{account}/transactions{(cursor is null ? "" : "?cursor=" + Uri.EscapeDataString(cursor))}");
            ids.AddRange(page.GetProperty("items").EnumerateArray()
                .Where(t => !bookedWithReference || (t.GetProperty("status").GetString() == "booked" && t.TryGetProperty("bankReference", out var r) && r.ValueKind == JsonValueKind.String
                    && t.GetProperty("source").GetString()!.StartsWith("pull", StringComparison.Ordinal)))
                .Select(t => t.GetProperty("id").GetString()!));
            cursor = page.TryGetProperty("nextCursor", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        }
        while (cursor is not null);
        return ids;
    }

    private static async Task<List<string>> IdsAsync(HttpClient client, string list) =>
        (await client.GetFromJsonAsync<JsonElement>(list)).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToList();

    /// <summary>Every row and blob of the backup is tenant <paramref name="tenant"/>'s; the other tenant's id occurs nowhere.</summary>
    private static void AssertOnlyTenant(string backup, string tenant, string other)
    {
        foreach (var table in BackupScope.Tables)
        {
            var rows = Cli.Rows(backup, table);
            Assert.All(rows, r => Assert.True(BackupScope.Belongs(table, r.PartitionKey, r.RowKey, r.GetString("TenantId"), tenant), $"{table}: ({r.PartitionKey}, {r.RowKey})"));
            Assert.DoesNotContain(Cli.Lines(backup, BackupFile.TablePath(table)), l => l.Contains(other, StringComparison.Ordinal));
        }
        Assert.NotEmpty(Cli.Rows(backup, TableNames.Statements));
        foreach (var container in BackupScope.Containers)
        {
            Assert.All(Cli.Lines(backup, BackupFile.BlobIndexPath(container)), l => Assert.StartsWith($"{{\"name\":\"{tenant}/", l, StringComparison.Ordinal));
        }
        Assert.NotEmpty(Cli.Lines(backup, BackupFile.BlobIndexPath(BlobContainers.BankFiles)));
        Assert.NotEmpty(Cli.Lines(backup, BackupFile.BlobIndexPath(BlobContainers.Statements)));
        Assert.DoesNotContain(Directory.EnumerateFiles(backup, "*", SearchOption.AllDirectories), f => f.Contains(other, StringComparison.Ordinal));
    }

    private static Task WaitUntilAsync(Func<Task<bool>> condition) => Eventually.HoldsAsync(condition, Timeout);
}
