using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Blobs.Models;
using BankFunctions.Features.Encryption;
using BankFunctions.Features.Runtime;
using BankFunctions.Host.Tests.Payments;
using BankFunctions.Host.Tests.Reconciliation;
using BankFunctions.Storage;
using BankFunctions.Storage.Encryption;

namespace BankFunctions.Host.Tests.Encryption;

/// <summary>
/// Issue #16, docs/ENCRYPTION.md "Rotation": after a tenant's data key is rotated, the operator's re-seal job seals every
/// stored value of the tenant (accounts, payments and their copies, statement entries, the raw statement file) under
/// the new version, page by page through the datakey-reseal queue; the API answers the same; a second job rewrites
/// nothing; another tenant's stored bytes are untouched; a message delivered twice counts once.
/// </summary>
public sealed class DataKeyResealEndToEndTests(EncryptedStoppedHostFixture fixture) : IClassFixture<EncryptedStoppedHostFixture>
{
    private const string Iban = "DE89370400440532013000";
    private HostFixture Host => fixture.Host;
    private StorageClients Storage => Host.Services.GetRequiredService<StorageClients>();

    private async Task<TestTenant> SeedAsync()
    {
        var tenant = await Host.CreateTenantWithAccountsAsync();
        using var submitter = Host.Client(tenant.Key("submitter"));
        foreach (var value in new[] { "125.00", "99.10" })
        {
            Assert.Equal(HttpStatusCode.Created, (await PaymentApi.Submit(submitter, PaymentApi.EurPayment(tenant.EurAccount, value))).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Created, (await PaymentApi.Submit(submitter, PaymentApi.CnyPayment(tenant.CnyAccount))).StatusCode);
        using var admin = Host.Client(tenant.Key("admin"));
        await ReconciliationApi.ImportAsync(admin, tenant.EurAccount, ReconciliationApi.Camt053(Iban,
            ("2026-11-02", 1000m, [new(250m, "REF-1", "Kunde Eins GmbH", "INV 2026-001"), new(-40m, "REF-2", "Lieferant Zwei AG", "Order 7")])));
        return tenant;
    }

    /// <summary>What a viewer reads: accounts, payments, one payment, transactions.</summary>
    private async Task<List<string>> ReadAllAsync(TestTenant tenant)
    {
        using var viewer = Host.Client(tenant.Key("viewer"));
        var payments = await viewer.GetStringAsync("v1/payments");
        var first = JsonDocument.Parse(payments).RootElement.GetProperty("items")[0].GetProperty("id").GetString();
        return
        [
            await viewer.GetStringAsync("v1/accounts"),
            payments,
            await viewer.GetStringAsync($"v1/payments/{first}"),
            await viewer.GetStringAsync($"v1/accounts/{tenant.EurAccount}"),
            await viewer.GetStringAsync($"v1/accounts/{tenant.EurAccount}/transactions"),
        ];
    }

    /// <summary>Every sealed value of the tenant as stored (raw clients, no policy): where and under which version.</summary>
    private async Task<List<(string Where, int Version)>> StoredVersionsAsync(string tenant)
    {
        var raw = new StorageClients(new StorageOptions { ConnectionString = Host.Azurite.ConnectionString }, null);
        var found = new List<(string, int)>();
        foreach (var table in new[] { TableNames.TenantData, TableNames.Statements })
        {
            await foreach (var e in raw.Table(table).QueryAsync<TableEntity>(BackupScope.TenantFilter(table, tenant)))
            {
                found.AddRange(EnvelopeVersions.InEntity(table, e).Select(v => ($"{table} {e.RowKey} {v.Column}", v.Version)));
            }
        }
        foreach (var container in SensitiveColumns.Containers)
        {
            var client = raw.Blobs.GetBlobContainerClient(container);
            await foreach (var blob in client.GetBlobsAsync(BlobTraits.None, BlobStates.None, tenant + "/", CancellationToken.None))
            {
                var bytes = (await client.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToArray();
                found.Add(($"{container} {blob.Name}", EnvelopeVersions.OfBlob(bytes) ?? 0));
            }
        }
        return found;
    }

    /// <summary>The tenant's stored bytes: every row (with its ETag) and blob.</summary>
    private async Task<string> RawSnapshotAsync(string tenant)
    {
        var raw = new StorageClients(new StorageOptions { ConnectionString = Host.Azurite.ConnectionString }, null);
        var text = new StringBuilder();
        foreach (var table in new[] { TableNames.TenantData, TableNames.Statements })
        {
            await foreach (var e in raw.Table(table).QueryAsync<TableEntity>(BackupScope.TenantFilter(table, tenant)))
            {
                text.Append(table).Append(e.RowKey).Append(e.ETag).AppendJoin(',', e.OrderBy(p => p.Key).Select(p => p.Key + "=" + p.Value)).AppendLine();
            }
        }
        foreach (var container in SensitiveColumns.Containers)
        {
            var client = raw.Blobs.GetBlobContainerClient(container);
            await foreach (var blob in client.GetBlobsAsync(BlobTraits.None, BlobStates.None, tenant + "/", CancellationToken.None))
            {
                text.Append(blob.Name).Append(Convert.ToBase64String((await client.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToArray())).AppendLine();
            }
        }
        return text.ToString();
    }

    /// <summary>Handles the datakey-reseal queue as the runtime would, each message twice (an at-least-once delivery), until it is empty.</summary>
    private async Task<int> DrainAsync()
    {
        var queue = Storage.Queues.GetQueueClient(QueueNames.DataKeyReseal);
        var handled = 0;
        for (var round = 0; round < 100; round++)
        {
            var messages = (await queue.ReceiveMessagesAsync(32)).Value;
            if (messages.Length == 0)
            {
                return handled;
            }
            foreach (var message in messages)
            {
                var context = new QueueMessageContext(QueueNames.DataKeyReseal, message.MessageId, message.Body.ToString(), 1, message.InsertedOn);
                await using (var scope = Host.Services.CreateAsyncScope())
                {
                    var handler = scope.ServiceProvider.GetRequiredService<ResealDataKeyPage>();
                    await handler.HandleAsync(context, default);
                    await handler.HandleAsync(context with { DequeueCount = 2 }, default);
                }
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                handled++;
            }
        }
        throw new InvalidOperationException("The datakey-reseal queue did not drain in 100 rounds.");
    }

    private static async Task<JsonElement> StartAsync(HttpClient op, string tenant)
    {
        var started = await op.PostAsync($"v1/admin/tenants/{tenant}/data-key/reseal", null);
        var body = await started.Content.ReadAsStringAsync();
        Assert.True(started.StatusCode == HttpStatusCode.Accepted, body);
        Assert.Equal($"/v1/admin/tenants/{tenant}/data-key/reseal", started.Headers.Location?.OriginalString);
        return JsonDocument.Parse(body).RootElement;
    }

    [Fact]
    public async Task A_rotated_tenant_is_resealed_under_the_new_version_reads_the_same_and_a_second_job_rewrites_nothing()
    {
        var tenant = await SeedAsync();
        var other = await SeedAsync();
        var before = await ReadAllAsync(tenant);
        var sealedBefore = await StoredVersionsAsync(tenant.Id);
        Assert.True(sealedBefore.Count >= 20, $"only {sealedBefore.Count} sealed values were seeded");
        Assert.All(sealedBefore, v => Assert.Equal(1, v.Version));
        Assert.Contains(sealedBefore, v => v.Where.StartsWith("statements ", StringComparison.Ordinal));
        Assert.Contains(sealedBefore, v => v.Where.StartsWith(TableNames.Statements + " ", StringComparison.Ordinal));
        Assert.Contains(sealedBefore, v => v.Where.Contains(" acct|", StringComparison.Ordinal));
        var otherBefore = await RawSnapshotAsync(other.Id);
        using var op = Host.Client(HostFixture.OperatorKey);
        Assert.Equal(HttpStatusCode.NotFound, (await op.GetAsync($"v1/admin/tenants/{tenant.Id}/data-key/reseal")).StatusCode);
        Assert.Equal(2, (await (await op.PostAsync($"v1/admin/tenants/{tenant.Id}/data-key/rotate", null)).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("version").GetInt32());

        var job = await StartAsync(op, tenant.Id);
        Assert.Equal(("running", 2), (job.GetProperty("state").GetString(), job.GetProperty("targetVersion").GetInt32()));
        // A second POST while it runs answers the same job.
        Assert.Equal(job.GetProperty("jobId").GetString(), (await StartAsync(op, tenant.Id)).GetProperty("jobId").GetString());
        Assert.True(await DrainAsync() >= DataKeyReseal.Stores.Count);

        var done = await op.GetFromJsonAsync<JsonElement>($"v1/admin/tenants/{tenant.Id}/data-key/reseal");
        Assert.Equal("completed", done.GetProperty("state").GetString());
        Assert.Equal(2, done.GetProperty("oldestVersionRemaining").GetInt32());
        Assert.Equal(0, done.GetProperty("skippedConcurrent").GetInt32());
        Assert.Equal(JsonValueKind.String, done.GetProperty("completedAt").ValueKind);
        var stores = done.GetProperty("stores").EnumerateArray().ToDictionary(s => s.GetProperty("name").GetString()!, s => s.GetProperty("rewritten").GetInt32());
        // Each sealed row and blob once, although each message was handled twice.
        var sealedRows = sealedBefore.Select(v => v.Where[..v.Where.LastIndexOf(' ')]).Distinct().ToList();
        Assert.Equal(sealedRows.Count(w => w.StartsWith(TableNames.TenantData + " ", StringComparison.Ordinal)), stores[TableNames.TenantData]);
        Assert.Equal(sealedRows.Count(w => w.StartsWith(TableNames.Statements + " ", StringComparison.Ordinal)), stores[TableNames.Statements]);
        Assert.Equal(1, stores[BlobContainers.Statements]);
        Assert.Equal(sealedBefore.Count(v => v.Where.StartsWith("statements ", StringComparison.Ordinal)), stores[BlobContainers.Statements]);

        var sealedAfter = await StoredVersionsAsync(tenant.Id);
        Assert.All(sealedAfter, v => Assert.True(v.Version == 2, $"{v.Where} is under version {v.Version}"));
        Assert.Subset(sealedAfter.Select(v => v.Where).ToHashSet(), sealedBefore.Select(v => v.Where).ToHashSet());
        Assert.Equal(before, await ReadAllAsync(tenant));
        Assert.Equal(otherBefore, await RawSnapshotAsync(other.Id));

        var again = await StartAsync(op, tenant.Id);
        Assert.NotEqual(job.GetProperty("jobId").GetString(), again.GetProperty("jobId").GetString());
        var beforeSecond = await RawSnapshotAsync(tenant.Id);
        await DrainAsync();
        var second = await op.GetFromJsonAsync<JsonElement>($"v1/admin/tenants/{tenant.Id}/data-key/reseal");
        Assert.Equal(("completed", 0, 2), (second.GetProperty("state").GetString(), second.GetProperty("rewritten").GetInt32(),
            second.GetProperty("oldestVersionRemaining").GetInt32()));
        Assert.True(second.GetProperty("scanned").GetInt32() >= sealedRows.Count);
        Assert.Equal(Rows(beforeSecond).Where(NotTheJob), Rows(await RawSnapshotAsync(tenant.Id)).Where(NotTheJob));

        using var admin = Host.Client(tenant.Key("admin"));
        var audit = await admin.GetFromJsonAsync<JsonElement>("v1/audit");
        Assert.Equal(2, audit.GetProperty("items").EnumerateArray().Count(a => a.GetProperty("action").GetString() == "data-key.reseal-started"
            && a.GetProperty("actor").GetString() == "operator"));
    }

    private static IEnumerable<string> Rows(string snapshot) => snapshot.Split('\n');

    /// <summary>The second job's own rows (job, outbox, audit, events) change; nothing else may.</summary>
    private static bool NotTheJob(string row) =>
        !row.StartsWith(TableNames.TenantData + TableKeys.DataKeyResealRow, StringComparison.Ordinal)
        && !row.StartsWith(TableNames.TenantData + "outbox|", StringComparison.Ordinal)
        && !row.StartsWith(TableNames.TenantData + "audit", StringComparison.Ordinal)
        && !row.StartsWith(TableNames.TenantData + "ev", StringComparison.Ordinal);

    [Fact]
    public async Task A_page_poisoned_while_the_job_waits_for_it_fails_the_job_and_a_new_job_can_start()
    {
        var tenant = await Host.CreateTenantAsync();
        using var op = Host.Client(HostFixture.OperatorKey);
        var job = await StartAsync(op, tenant.Id);
        var jobId = job.GetProperty("jobId").GetString()!;
        var poisoned = new QueueMessageContext(QueueNames.Poison(QueueNames.DataKeyReseal), "m1", new DataKeyResealMessage(tenant.Id, jobId, 0).ToJson(), 1, null);
        await using (var scope = Host.Services.CreateAsyncScope())
        {
            // An older job's page changes nothing; the page the job waits for fails it.
            await scope.ServiceProvider.GetRequiredService<PoisonedDataKeyReseal>().HandleAsync(poisoned with { Body = new DataKeyResealMessage(tenant.Id, "rsl_older", 0).ToJson() }, default);
            Assert.Equal("running", (await op.GetFromJsonAsync<JsonElement>($"v1/admin/tenants/{tenant.Id}/data-key/reseal")).GetProperty("state").GetString());
            await scope.ServiceProvider.GetRequiredService<PoisonedDataKeyReseal>().HandleAsync(poisoned, default);
        }

        var failed = await op.GetFromJsonAsync<JsonElement>($"v1/admin/tenants/{tenant.Id}/data-key/reseal");
        Assert.Equal("failed", failed.GetProperty("state").GetString());
        Assert.Contains("Page 0", failed.GetProperty("failure").GetString(), StringComparison.Ordinal);
        Assert.False(failed.TryGetProperty("oldestVersionRemaining", out var oldest) && oldest.ValueKind != JsonValueKind.Null);
        // The job's next message (sent by the POST) now finds it ended: nothing is done, and the outbox row is gone.
        await DrainAsync();
        Assert.Equal("failed", (await op.GetFromJsonAsync<JsonElement>($"v1/admin/tenants/{tenant.Id}/data-key/reseal")).GetProperty("state").GetString());
        Assert.False((await Storage.Table(TableNames.TenantData).GetEntityIfExistsAsync<TableEntity>(tenant.Id, TableKeys.OutboxRow(DataKeyResealMessage.Subject))).HasValue);

        var next = await StartAsync(op, tenant.Id);
        Assert.NotEqual(jobId, next.GetProperty("jobId").GetString());
        await DrainAsync();
        Assert.Equal("completed", (await op.GetFromJsonAsync<JsonElement>($"v1/admin/tenants/{tenant.Id}/data-key/reseal")).GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_table_of_more_than_one_page_is_resealed_page_by_page_through_the_queue_each_stale_row_once()
    {
        // 1,050 sealed rows in one statement partition: two pages of the Statements table (1,000 + 50), the second
        // reached only through the continuation the first page's message left in the job row. Four rows, at the ends of
        // both pages, are sealed under version 1; the others are written after the rotation, under version 2, and must
        // not be written again.
        const int Rows = DataKeyReseal.TablePageSize + 50;
        int[] stale = [0, DataKeyReseal.TablePageSize - 1, DataKeyReseal.TablePageSize, Rows - 1];
        var tenant = await Host.CreateTenantAsync();
        var entries = Storage.Table(TableNames.Statements);
        var partition = $"{tenant.Id}|acc_pages";
        async Task WriteAsync(IEnumerable<int> rows)
        {
            foreach (var chunk in rows.Chunk(100))
            {
                await entries.SubmitTransactionAsync(chunk.Select(i => new TableTransactionAction(TableTransactionActionType.Add,
                    new TableEntity(partition, $"e|{i:D5}") { ["CounterpartyName"] = $"Gegenpartei {i} GmbH" })));
            }
        }
        await WriteAsync(stale);
        using var op = Host.Client(HostFixture.OperatorKey);
        Assert.Equal(HttpStatusCode.OK, (await op.PostAsync($"v1/admin/tenants/{tenant.Id}/data-key/rotate", null)).StatusCode);
        await WriteAsync(Enumerable.Range(0, Rows).Except(stale));
        var sealedBefore = (await StoredVersionsAsync(tenant.Id)).Where(v => v.Where.StartsWith(TableNames.Statements + " ", StringComparison.Ordinal)).ToList();
        Assert.Equal(Rows, sealedBefore.Count);
        Assert.Equal(stale.Length, sealedBefore.Count(v => v.Version == 1));
        var current = (await RawSnapshotAsync(tenant.Id)).Split('\n').Where(r => r.StartsWith(TableNames.Statements, StringComparison.Ordinal)
            && !stale.Any(i => r.StartsWith($"{TableNames.Statements}e|{i:D5}", StringComparison.Ordinal))).ToList();

        await StartAsync(op, tenant.Id);
        var handled = await DrainAsync();

        var done = await op.GetFromJsonAsync<JsonElement>($"v1/admin/tenants/{tenant.Id}/data-key/reseal");
        Assert.Equal(("completed", 2, 0), (done.GetProperty("state").GetString(), done.GetProperty("oldestVersionRemaining").GetInt32(),
            done.GetProperty("skippedConcurrent").GetInt32()));
        // One message per page: every store once, the Statements table twice.
        Assert.Equal(DataKeyReseal.Stores.Count + 1, handled);
        Assert.Equal(DataKeyReseal.Stores.Count + 1, done.GetProperty("pages").GetInt32());
        var statements = done.GetProperty("stores").EnumerateArray().Single(s => s.GetProperty("name").GetString() == TableNames.Statements);
        Assert.Equal((Rows, stale.Length), (statements.GetProperty("scanned").GetInt32(), statements.GetProperty("rewritten").GetInt32()));
        Assert.All(await StoredVersionsAsync(tenant.Id), v => Assert.True(v.Version == 2, $"{v.Where} is under version {v.Version}"));
        // The rows already current are as they were, ETag and bytes; the stale ones read as written.
        Assert.Subset((await RawSnapshotAsync(tenant.Id)).Split('\n').ToHashSet(), current.ToHashSet());
        foreach (var i in stale)
        {
            Assert.Equal($"Gegenpartei {i} GmbH", (await entries.GetEntityAsync<TableEntity>(partition, $"e|{i:D5}")).Value.GetString("CounterpartyName"));
        }
    }

    [Fact]
    public async Task Only_the_operator_may_start_or_read_a_reseal_and_an_unknown_tenant_is_a_404()
    {
        var tenant = await Host.CreateTenantAsync();
        using var admin = Host.Client(tenant.Key("admin"));
        using var op = Host.Client(HostFixture.OperatorKey);

        Assert.Equal(HttpStatusCode.Forbidden, (await admin.PostAsync($"v1/admin/tenants/{tenant.Id}/data-key/reseal", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync($"v1/admin/tenants/{tenant.Id}/data-key/reseal")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await op.PostAsync("v1/admin/tenants/t-unknown/data-key/reseal", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await op.GetAsync("v1/admin/tenants/t-unknown/data-key/reseal")).StatusCode);
    }
}
