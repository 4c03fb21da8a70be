using Xunit;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs.Models;
using BankFunctions.Storage;
using BankFunctions.Storage.Encryption;
using BankFunctions.Storage.Guard;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Storage.Tests.Encryption;

/// <summary>
/// Re-sealing a tenant under its newest data key on real Azurite (docs/ENCRYPTION.md "Rotation"): what was sealed under
/// an older version is sealed under the current one, read the same, and a second pass writes nothing; what changed
/// between the scan and the write is skipped, not overwritten; another tenant is not touched.
/// </summary>
public sealed class DataKeyResealTests(EncryptionStore store) : IClassFixture<EncryptionStore>
{
    private static readonly byte[] StatementFile = Encoding.UTF8.GetBytes("<Stmt><IBAN>GB82WEST12345698765432</IBAN><Nm>Muster GmbH</Nm></Stmt>");

    private static string NewTenant() => "t" + Guid.NewGuid().ToString("N")[..12];

    private static PaymentRow Payment(string tenant, string id) => new()
    {
        PartitionKey = tenant, RowKey = TableKeys.PaymentRow(id), PaymentId = id, CreditorName = "Muster GmbH " + id,
        CreditorIban = "GB82WEST12345698765432", RemittanceInformation = "Invoice " + id, Status = "submitted",
    };

    private static TableEntity Entry(string tenant, string n) => new(tenant + "|acc1", "txn|" + n)
    {
        ["CounterpartyName"] = "Kunde " + n, ["RemittanceInformation"] = "INV " + n, ["Amount"] = "12.50", ["Status"] = "booked",
    };

    private async Task SeedAsync(StorageClients clients, string tenant, int payments, int entries)
    {
        var data = clients.Table(TableNames.TenantData);
        for (var i = 0; i < payments; i++)
        {
            await data.AddCheckedAsync(Payment(tenant, "p" + i));
        }
        // A row without sensitive values: scanned, never rewritten.
        await data.AddCheckedAsync(new TableEntity(tenant, "rules") { ["Rules"] = "[]" });
        for (var i = 0; i < entries; i++)
        {
            await clients.Table(TableNames.Statements).AddCheckedAsync(Entry(tenant, i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        await clients.Blobs.GetBlobContainerClient(BlobContainers.Statements).GetBlobClient($"{tenant}/acc1/2026/12/01/s1.xml")
            .UploadAsync(new BinaryData(StatementFile), new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = "application/xml" },
                Metadata = new Dictionary<string, string> { ["source"] = "pull" },
            });
    }

    /// <summary>Runs the pass the way the job does: every page of every store, until each has no continuation.</summary>
    private static async Task<DataKeyReseal.PageResult> PassAsync(StorageClients clients, string tenant)
    {
        var current = await clients.KeyRing!.CurrentVersionAsync(tenant, 0, CancellationToken.None);
        int scanned = 0, rewritten = 0, skipped = 0;
        int? oldest = null;
        foreach (var s in DataKeyReseal.Stores)
        {
            string? continuation = null;
            do
            {
                var page = await clients.Reseal!.PageAsync(s, tenant, continuation, current, CancellationToken.None);
                (scanned, rewritten, skipped) = (scanned + page.Scanned, rewritten + page.Rewritten, skipped + page.SkippedConcurrent);
                oldest = page.OldestRemaining is { } o ? Math.Min(oldest ?? o, o) : oldest;
                continuation = page.Continuation;
            }
            while (continuation is not null);
        }
        return new DataKeyReseal.PageResult(scanned, rewritten, skipped, oldest, null);
    }

    /// <summary>Every sealed value of the tenant as stored: (where, version).</summary>
    private async Task<List<(string Where, int Version)>> StoredVersionsAsync(string tenant)
    {
        var found = new List<(string, int)>();
        foreach (var table in new[] { TableNames.TenantData, TableNames.Statements })
        {
            await foreach (var e in store.Raw.Table(table).QueryAsync<TableEntity>(BackupScope.TenantFilter(table, tenant)))
            {
                found.AddRange(EnvelopeVersions.InEntity(table, e).Select(v => ($"{table}/{e.RowKey}/{v.Column}", v.Version)));
            }
        }
        foreach (var container in SensitiveColumns.Containers)
        {
            var client = store.Raw.Blobs.GetBlobContainerClient(container);
            await foreach (var blob in client.GetBlobsAsync(BlobTraits.None, BlobStates.None, tenant + "/", CancellationToken.None))
            {
                var bytes = (await client.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToArray();
                found.Add(($"{container}/{blob.Name}", EnvelopeVersions.OfBlob(bytes) ?? 0));
            }
        }
        return found;
    }

    private async Task<string> RawSnapshotAsync(string tenant)
    {
        var text = new StringBuilder();
        foreach (var table in new[] { TableNames.TenantData, TableNames.Statements })
        {
            await foreach (var e in store.Raw.Table(table).QueryAsync<TableEntity>(BackupScope.TenantFilter(table, tenant)))
            {
                text.Append(e.RowKey).Append(e.ETag).AppendJoin(',', e.OrderBy(p => p.Key).Select(p => p.Key + "=" + p.Value)).AppendLine();
            }
        }
        var blobs = store.Raw.Blobs.GetBlobContainerClient(BlobContainers.Statements);
        await foreach (var blob in blobs.GetBlobsAsync(BlobTraits.None, BlobStates.None, tenant + "/", CancellationToken.None))
        {
            text.Append(blob.Name).Append(Convert.ToBase64String((await blobs.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToArray())).AppendLine();
        }
        return text.ToString();
    }

    [Fact]
    public async Task After_a_rotation_every_value_is_sealed_under_the_new_version_reads_the_same_and_a_second_pass_writes_nothing()
    {
        var tenant = NewTenant();
        var other = NewTenant();
        var writer = store.Encrypted();
        await SeedAsync(writer, tenant, payments: 3, entries: 2);
        await SeedAsync(writer, other, payments: 1, entries: 1);
        Assert.All(await StoredVersionsAsync(tenant), v => Assert.Equal(1, v.Version));
        var otherBefore = await RawSnapshotAsync(other);

        // Rotated through another instance: the re-sealing one still caches version 1 and must not seal under it.
        var resealer = store.Encrypted();
        Assert.Equal(1, (await resealer.KeyRing!.ForWriteAsync(tenant, CancellationToken.None)).Current);
        Assert.Equal(2, await store.Encrypted().KeyRing!.RotateDataKeyAsync(tenant, CancellationToken.None));
        Assert.Equal(2, await resealer.KeyRing.CurrentVersionAsync(tenant, 2, CancellationToken.None));

        var first = await PassAsync(resealer, tenant);

        // 3 payments + the rules row, 2 entries, 1 blob; everything sealed was rewritten (the rules row holds nothing sealed).
        Assert.Equal(new DataKeyReseal.PageResult(7, 6, 0, 2, null), first);
        var versions = await StoredVersionsAsync(tenant);
        Assert.Equal(3 * 3 + 2 * 2 + 1, versions.Count);
        Assert.All(versions, v => Assert.Equal(2, v.Version));
        var reader = store.Encrypted();
        var p1 = (await reader.Table(TableNames.TenantData).GetEntityAsync<PaymentRow>(tenant, TableKeys.PaymentRow("p1"))).Value;
        Assert.Equal(("Muster GmbH p1", "GB82WEST12345698765432", "Invoice p1", "submitted"), (p1.CreditorName, p1.CreditorIban, p1.RemittanceInformation, p1.Status));
        var entry = (await reader.Table(TableNames.Statements).GetEntityAsync<TableEntity>(tenant + "|acc1", "txn|1")).Value;
        Assert.Equal(("Kunde 1", "INV 1", "12.50"), (entry.GetString("CounterpartyName"), entry.GetString("RemittanceInformation"), entry.GetString("Amount")));
        var blob = (await reader.Blobs.GetBlobContainerClient(BlobContainers.Statements).GetBlobClient($"{tenant}/acc1/2026/12/01/s1.xml").DownloadContentAsync()).Value;
        Assert.Equal(StatementFile, blob.Content.ToArray());
        Assert.Equal("application/xml", blob.Details.ContentType);
        Assert.Equal("pull", blob.Details.Metadata["source"]);

        var second = await PassAsync(store.Encrypted(), tenant);
        Assert.Equal(new DataKeyReseal.PageResult(7, 0, 0, 2, null), second);
        Assert.Equal(otherBefore, await RawSnapshotAsync(other));
        Assert.All(await StoredVersionsAsync(other), v => Assert.Equal(1, v.Version));
    }

    [Fact]
    public async Task A_scan_pages_through_the_tenants_rows_and_blobs_and_ends()
    {
        var tenant = NewTenant();
        var clients = store.Encrypted();
        await SeedAsync(clients, tenant, payments: 5, entries: 3);
        await clients.Blobs.GetBlobContainerClient(BlobContainers.Statements).GetBlobClient($"{tenant}/acc1/2026/12/02/s2.xml").UploadAsync(new BinaryData(StatementFile));

        async Task<(int Scanned, int Sealed, int Pages)> AllAsync<T>(Func<string?, Task<DataKeyReseal.Scan<T>>> page)
        {
            var (scanned, sealedCount, pages) = (0, 0, 0);
            string? continuation = null;
            do
            {
                var scan = await page(continuation);
                (scanned, sealedCount, pages) = (scanned + scan.Scanned, sealedCount + scan.Sealed.Count, pages + 1);
                continuation = scan.Continuation;
                Assert.True(pages < 20, "the scan does not end");
            }
            while (continuation is not null);
            return (scanned, sealedCount, pages);
        }

        var reseal = clients.Reseal!;
        // 5 payments and the rules row, which holds nothing sealed.
        var rows = await AllAsync(c => reseal.ScanTableAsync(TableNames.TenantData, tenant, c, 2, CancellationToken.None));
        Assert.Equal((6, 5), (rows.Scanned, rows.Sealed));
        var entries = await AllAsync(c => reseal.ScanTableAsync(TableNames.Statements, tenant, c, 2, CancellationToken.None));
        Assert.Equal((3, 3), (entries.Scanned, entries.Sealed));
        Assert.True(entries.Pages >= 2);
        var blobs = await AllAsync(c => reseal.ScanContainerAsync(BlobContainers.Statements, tenant, c, 1, CancellationToken.None));
        Assert.Equal((2, 2), (blobs.Scanned, blobs.Sealed));
        Assert.True(blobs.Pages >= 2);
    }

    [Fact]
    public async Task A_row_written_between_the_scan_and_the_rewrite_is_skipped_not_overwritten()
    {
        var tenant = NewTenant();
        var clients = store.Encrypted();
        var table = clients.Table(TableNames.TenantData);
        await table.AddCheckedAsync(Payment(tenant, "p0"));
        await clients.KeyRing!.RotateDataKeyAsync(tenant, CancellationToken.None);
        var scan = await clients.Reseal!.ScanTableAsync(TableNames.TenantData, tenant, null, 1000, CancellationToken.None);
        var row = Assert.Single(scan.Sealed);
        Assert.Equal(1, row.Oldest);

        // Someone changes the row meanwhile (a merge of a clear column: its sealed values stay under version 1).
        await table.UpdateCheckedAsync(new TableEntity(tenant, row.RowKey) { ["Status"] = "approved" }, ETag.All, TableUpdateMode.Merge);
        var changed = (await store.Raw.Table(TableNames.TenantData).GetEntityAsync<TableEntity>(tenant, row.RowKey)).Value;

        Assert.Equal(DataKeyReseal.Outcome.Changed, await clients.Reseal.ResealRowAsync(row, CancellationToken.None));

        var after = (await store.Raw.Table(TableNames.TenantData).GetEntityAsync<TableEntity>(tenant, row.RowKey)).Value;
        Assert.Equal(changed.ETag, after.ETag);
        Assert.Equal("approved", after.GetString("Status"));
        Assert.Equal(1, EnvelopeVersions.Oldest(EnvelopeVersions.InEntity(TableNames.TenantData, after)));
        // Its values are still under version 1, which the pass reports as remaining: the next pass rewrites it.
        var page = await clients.Reseal.TablePageAsync(TableNames.TenantData, tenant, null, 2, CancellationToken.None);
        Assert.Equal((1, 0), (page.Rewritten, page.SkippedConcurrent));
    }

    [Fact]
    public async Task A_row_written_between_the_clear_read_and_the_transaction_fails_it_and_only_that_row_is_skipped()
    {
        var tenant = NewTenant();
        var clients = store.Encrypted();
        var entries = clients.Table(TableNames.Statements);
        for (var i = 0; i < 5; i++)
        {
            await entries.AddCheckedAsync(Entry(tenant, i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        await clients.KeyRing!.RotateDataKeyAsync(tenant, CancellationToken.None);
        var reseal = clients.Reseal!;
        var rows = (await reseal.ScanTableAsync(TableNames.Statements, tenant, null, 1000, CancellationToken.None)).Sealed;
        Assert.Equal(5, rows.Count);
        var clear = await reseal.ReadClearAsync(rows, CancellationToken.None);
        Assert.Equal("Kunde 3", clear["txn|3"].GetString("CounterpartyName"));

        // Someone corrects entry 3 after the clear read: the transaction of all five fails on its If-Match.
        await entries.UpdateCheckedAsync(new TableEntity(tenant + "|acc1", "txn|3") { ["CounterpartyName"] = "Kunde Drei" }, ETag.All, TableUpdateMode.Merge);
        var outcomes = await reseal.WriteChunkAsync(rows, clear, CancellationToken.None);

        Assert.Equal([DataKeyReseal.Outcome.Rewritten, DataKeyReseal.Outcome.Rewritten, DataKeyReseal.Outcome.Rewritten, DataKeyReseal.Outcome.Changed, DataKeyReseal.Outcome.Rewritten], outcomes);
        var stored = new Dictionary<string, TableEntity>();
        await foreach (var e in store.Raw.Table(TableNames.Statements).QueryAsync<TableEntity>(BackupScope.TenantFilter(TableNames.Statements, tenant)))
        {
            stored[e.RowKey] = e;
        }
        Assert.All(new[] { "txn|0", "txn|1", "txn|2", "txn|4" }, k => Assert.Equal(2, EnvelopeVersions.Oldest(EnvelopeVersions.InEntity(TableNames.Statements, stored[k]))));
        // The correction stands (sealed under the current version by its own write); the old remittance value stays under 1.
        var three = EnvelopeVersions.InEntity(TableNames.Statements, stored["txn|3"]).ToDictionary(v => v.Column, v => v.Version);
        Assert.Equal((2, 1), (three["CounterpartyName"], three["RemittanceInformation"]));
        var reader = store.Encrypted();
        Assert.Equal(("Kunde Drei", "INV 3"), ((await reader.Table(TableNames.Statements).GetEntityAsync<TableEntity>(tenant + "|acc1", "txn|3")).Value is var e3
            ? (e3.GetString("CounterpartyName"), e3.GetString("RemittanceInformation")) : default));
        Assert.Equal("Kunde 4", (await reader.Table(TableNames.Statements).GetEntityAsync<TableEntity>(tenant + "|acc1", "txn|4")).Value.GetString("CounterpartyName"));
    }

    [Fact]
    public async Task Rows_and_blobs_a_duplicate_delivery_resealed_first_count_as_skipped_with_the_current_version()
    {
        var tenant = NewTenant();
        var clients = store.Encrypted();
        await SeedAsync(clients, tenant, payments: 3, entries: 0);
        await clients.KeyRing!.RotateDataKeyAsync(tenant, CancellationToken.None);
        var reseal = clients.Reseal!;
        // Two deliveries of one page scan before either writes; the first re-seals everything.
        var first = await reseal.ScanTableAsync(TableNames.TenantData, tenant, null, 1000, CancellationToken.None);
        var second = await reseal.ScanTableAsync(TableNames.TenantData, tenant, null, 1000, CancellationToken.None);
        var blobsFirst = await reseal.ScanContainerAsync(BlobContainers.Statements, tenant, null, 100, CancellationToken.None);
        var blobsSecond = await reseal.ScanContainerAsync(BlobContainers.Statements, tenant, null, 100, CancellationToken.None);
        Assert.Equal(new DataKeyReseal.PageResult(4, 3, 0, 2, null), await reseal.ResealScannedAsync(first, 2, CancellationToken.None));
        Assert.Equal(DataKeyReseal.Outcome.Rewritten, await reseal.ResealBlobAsync(Assert.Single(blobsFirst.Sealed), CancellationToken.None));

        // The second finds every row changed: skipped, and what they hold now is version 2, so none remains older.
        Assert.Equal(new DataKeyReseal.PageResult(4, 0, 3, 2, null), await reseal.ResealScannedAsync(second, 2, CancellationToken.None));
        var blob = Assert.Single(blobsSecond.Sealed);
        Assert.Equal(DataKeyReseal.Outcome.Changed, await reseal.ResealBlobAsync(blob, CancellationToken.None));
        Assert.Equal(2, await reseal.StoredVersionAsync(blob, CancellationToken.None));
        // Gone: nothing remains to count.
        await clients.Blobs.GetBlobContainerClient(BlobContainers.Statements).GetBlobClient(blob.Name).DeleteAsync();
        Assert.Null(await reseal.StoredVersionAsync(blob, CancellationToken.None));
        await clients.Table(TableNames.TenantData).DeleteEntityAsync(tenant, first.Sealed[0].RowKey);
        Assert.Null(await reseal.StoredOldestAsync(first.Sealed[0], CancellationToken.None));
    }

    [Fact]
    public async Task A_blob_uploaded_between_the_scan_and_the_rewrite_is_skipped_not_overwritten()
    {
        var tenant = NewTenant();
        var clients = store.Encrypted();
        await SeedAsync(clients, tenant, payments: 0, entries: 0);
        await clients.KeyRing!.RotateDataKeyAsync(tenant, CancellationToken.None);
        var scan = await clients.Reseal!.ScanContainerAsync(BlobContainers.Statements, tenant, null, 100, CancellationToken.None);
        var blob = Assert.Single(scan.Sealed);
        Assert.Equal(1, blob.Version);
        var newer = Encoding.UTF8.GetBytes("<Stmt>corrected</Stmt>");
        var client = clients.Blobs.GetBlobContainerClient(BlobContainers.Statements).GetBlobClient(blob.Name);
        await client.UploadAsync(new BinaryData(newer), overwrite: true);

        Assert.Equal(DataKeyReseal.Outcome.Changed, await clients.Reseal.ResealBlobAsync(blob, CancellationToken.None));

        Assert.Equal(newer, (await client.DownloadContentAsync()).Value.Content.ToArray());
    }
}
