using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using BankFunctions.Features;
using BankFunctions.Features.AuditTrail;
using BankFunctions.Storage;
using BankFunctions.Storage.Rows;
using static BankFunctions.Host.Tests.Payments.PaymentApi;

namespace BankFunctions.Host.Tests.AuditTrail;

/// <summary>
/// Issue #16 "Audit that proves itself", against Azurite: the chainer checkpoints a tenant's audit trail (signed blobs in
/// audit-checkpoints, rows beside the audit rows), and /v1/audit/verify names the first broken link when someone with
/// storage access deletes, edits or swaps audit rows, deletes a checkpoint blob, or when a row turns up behind a checkpoint.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class AuditChainTamperTests(HostFixture host)
{
    private const int PerCheckpoint = 4;

    private TableClient Table => host.Services.GetRequiredService<StorageClients>().Table(TableNames.TenantData);

    /// <summary>A tenant with at least three checkpoints of four rows, verified intact; its audit rows in id order.</summary>
    private async Task<(TestTenant Tenant, HttpClient Admin, List<AuditRow> Rows)> ChainedTenantAsync()
    {
        var t = await host.CreateTenantWithAccountsAsync();
        using (var submitter = host.Client(t.Key("submitter")))
        {
            await Json(await Submit(submitter, EurPayment(t.EurAccount)));
        }
        var written = await AuditChainHost.ChainAsync(host.Services, t.Id, PerCheckpoint);
        var rows = await Table.QueryAsync<AuditRow>(TableKeys.PrefixFilter(t.Id, TableKeys.AuditPrefix)).ToListAsync();
        Assert.True(rows.Count >= 3 * PerCheckpoint, $"{rows.Count} audit rows");
        Assert.Equal((rows.Count + PerCheckpoint - 1) / PerCheckpoint, written);
        var admin = host.Client(t.Key("admin"));
        var verify = await admin.GetFromJsonAsync<JsonElement>("v1/audit/verify");
        Assert.True(verify.GetProperty("valid").GetBoolean(), verify.ToString());
        Assert.Equal(written, verify.GetProperty("checkpoints").GetInt32());
        Assert.Equal(rows[^1].AuditId, verify.GetProperty("chainedThrough").GetString());
        Assert.Equal(0, verify.GetProperty("uncheckpointed").GetInt32());
        Assert.False(verify.TryGetProperty("firstBrokenLink", out _), verify.ToString()); // null members are left out (API.md)
        return (t, admin, rows);
    }

    private static async Task<JsonElement> BrokenLinkAsync(HttpClient admin)
    {
        var verify = await admin.GetFromJsonAsync<JsonElement>("v1/audit/verify");
        Assert.False(verify.GetProperty("valid").GetBoolean(), verify.ToString());
        return verify.GetProperty("firstBrokenLink");
    }

    [Fact]
    public async Task The_chainer_writes_signed_write_once_blobs_and_a_second_run_adds_nothing()
    {
        var (t, admin, rows) = await ChainedTenantAsync();
        using var _ = admin;
        var blobs = host.Services.GetRequiredService<StorageClients>().Blobs.GetBlobContainerClient(BlobContainers.AuditCheckpoints);
        var first = (await blobs.GetBlobClient(AuditCheckpoint.BlobName(t.Id, 1)).DownloadContentAsync()).Value.Content.ToObjectFromJson<JsonElement>();
        Assert.Equal((t.Id, rows[PerCheckpoint - 1].AuditId, PerCheckpoint, "HMAC-SHA256"),
            (first.GetProperty("tenant").GetString(), first.GetProperty("lastAuditId").GetString(), first.GetProperty("count").GetInt32(), first.GetProperty("algorithm").GetString()));

        Assert.Equal(0, await AuditChainHost.ChainAsync(host.Services, t.Id, PerCheckpoint));
        // New rows are chained from the head on; the trail still verifies.
        using (var submitter = host.Client(t.Key("submitter")))
        {
            await Json(await Submit(submitter, EurPayment(t.EurAccount)));
        }
        Assert.Equal(1, await AuditChainHost.ChainAsync(host.Services, t.Id, PerCheckpoint));
        var verify = await admin.GetFromJsonAsync<JsonElement>("v1/audit/verify");
        Assert.True(verify.GetProperty("valid").GetBoolean(), verify.ToString());
    }

    [Fact]
    public async Task A_run_that_died_between_the_blob_and_its_rows_is_finished_by_the_next_from_the_blob()
    {
        var (t, admin, _) = await ChainedTenantAsync();
        using var _a = admin;
        var checkpoints = await Table.QueryAsync<AuditCheckpointRow>(TableKeys.PrefixFilter(t.Id, TableKeys.AuditCheckpointPrefix)).ToListAsync();
        var (previous, last) = (checkpoints[^2], checkpoints[^1]);
        // The state such a run leaves: blob n written, checkpoint row n and the head's move to n not.
        await Table.DeleteEntityAsync(last.PartitionKey, last.RowKey);
        await Table.UpsertEntityAsync(AuditCheckpoint.FromRow(previous).ToRow(TableKeys.AuditChainHeadRow, previous.Signature), TableUpdateMode.Replace);

        Assert.Equal(1, await AuditChainHost.ChainAsync(host.Services, t.Id, PerCheckpoint));

        // The rows now hold the blob's checkpoint as it was signed then (its own "at"), not a new one.
        var adopted = (await Table.GetEntityAsync<AuditCheckpointRow>(t.Id, last.RowKey)).Value;
        Assert.Equal((last.At, last.Signature, last.ChainHash), (adopted.At, adopted.Signature, adopted.ChainHash));
        Assert.Equal(last.Sequence, (await Table.GetEntityAsync<AuditCheckpointRow>(t.Id, TableKeys.AuditChainHeadRow)).Value.Sequence);
        var verify = await admin.GetFromJsonAsync<JsonElement>("v1/audit/verify");
        Assert.True(verify.GetProperty("valid").GetBoolean(), verify.ToString());
        Assert.Equal(checkpoints.Count, verify.GetProperty("checkpoints").GetInt32());
    }

    [Fact]
    public async Task A_deleted_row_is_named_by_the_checkpoints_around_it()
    {
        var (_, admin, rows) = await ChainedTenantAsync();
        using var _a = admin;
        await Table.DeleteEntityAsync(rows[PerCheckpoint + 1].PartitionKey, rows[PerCheckpoint + 1].RowKey);

        var link = await BrokenLinkAsync(admin);

        Assert.Equal(("rows_missing", 2, rows[PerCheckpoint - 1].AuditId, rows[(2 * PerCheckpoint) - 1].AuditId),
            (link.GetProperty("kind").GetString(), link.GetProperty("checkpoint").GetInt32(), link.GetProperty("after").GetString(), link.GetProperty("through").GetString()));
    }

    [Fact]
    public async Task An_edited_row_is_named()
    {
        var (_, admin, rows) = await ChainedTenantAsync();
        using var _a = admin;
        var row = rows[PerCheckpoint + 2];
        row.After = row.After?.Replace("a", "b", StringComparison.Ordinal) + " ";
        await Table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace);

        var link = await BrokenLinkAsync(admin);

        Assert.Equal(("row_edited", row.AuditId), (link.GetProperty("kind").GetString(), link.GetProperty("auditId").GetString()));
    }

    [Fact]
    public async Task Swapped_rows_are_named()
    {
        var (_, admin, rows) = await ChainedTenantAsync();
        using var _a = admin;
        var (a, b) = (rows[PerCheckpoint], rows[PerCheckpoint + 2]);
        await Table.DeleteEntityAsync(a.PartitionKey, a.RowKey);
        await Table.DeleteEntityAsync(b.PartitionKey, b.RowKey);
        (a.RowKey, b.RowKey) = (b.RowKey, a.RowKey);
        await Table.AddEntityAsync(a);
        await Table.AddEntityAsync(b);

        var link = await BrokenLinkAsync(admin);

        // The first place in id order holds b's row (sealed as b): named by the place, with b in the detail.
        Assert.Equal(("row_moved", rows[PerCheckpoint].AuditId), (link.GetProperty("kind").GetString(), link.GetProperty("auditId").GetString()));
        Assert.Contains(b.AuditId, link.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_row_that_appears_behind_a_checkpoint_is_reported()
    {
        var (t, admin, rows) = await ChainedTenantAsync();
        using var _a = admin;
        // Sealed by the app's own builder, with a time inside the first checkpoint's rows: a commit later than the lag.
        var late = host.Services.GetRequiredService<AuditRows>().SystemRow(t.Id, "Late", "payment.late", "pay_late", null, null, rows[1].At);
        await Table.AddEntityAsync(late);

        var link = await BrokenLinkAsync(admin);

        Assert.Equal(("rows_added", 1), (link.GetProperty("kind").GetString(), link.GetProperty("checkpoint").GetInt32()));
    }

    [Fact]
    public async Task A_deleted_checkpoint_blob_is_named()
    {
        var (t, admin, _) = await ChainedTenantAsync();
        using var _a = admin;
        await host.Services.GetRequiredService<StorageClients>().Blobs.GetBlobContainerClient(BlobContainers.AuditCheckpoints)
            .DeleteBlobAsync(AuditCheckpoint.BlobName(t.Id, 2));

        var link = await BrokenLinkAsync(admin);

        Assert.Equal(("checkpoint_missing", 2), (link.GetProperty("kind").GetString(), link.GetProperty("checkpoint").GetInt32()));
        Assert.Contains($"{BlobContainers.AuditCheckpoints}/{AuditCheckpoint.BlobName(t.Id, 2)}", link.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
