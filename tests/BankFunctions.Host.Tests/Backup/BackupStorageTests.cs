using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Sas;
using BankFunctions.Cli.Backup;
using BankFunctions.Storage;
using BankFunctions.Storage.Rows;
using BankFunctions.TestSupport;

namespace BankFunctions.Host.Tests.Backup;

/// <summary>Backup and restore against two bare Azurites: property types kept exactly, tenant scope, a SAS container as target.</summary>
public sealed class BackupStorageTests : IDisposable
{
    private readonly AzuriteFixture _source = new();
    private readonly AzuriteFixture _target = new();
    private readonly string _directory = Cli.NewDirectory();

    public void Dispose()
    {
        _source.Dispose();
        _target.Dispose();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static TableEntity Typed(string partition, string row) => new(partition, row)
    {
        ["Text"] = "财务 \"quoted\" \n line",
        ["Int"] = -42,
        ["Long"] = 9_007_199_254_740_993L, // beyond a double's exact integers
        ["Double"] = 0.1,
        ["WholeDouble"] = 3.0, // must stay a Double, not become an Int32
        ["Flag"] = true,
        ["When"] = new DateTimeOffset(2026, 12, 6, 1, 2, 3, TimeSpan.Zero).AddTicks(1234567),
        ["Id"] = Guid.Parse("5b2c7f0e-8f3a-4b7e-9d61-0c1f2e3d4a5b"),
        ["Bytes"] = new byte[] { 0, 1, 2, 250, 255 },
    };

    [Fact]
    public async Task Every_property_type_round_trips_exactly_through_a_SAS_container()
    {
        var tables = _source.Tables();
        await new StorageClients(new StorageOptions { ConnectionString = _source.ConnectionString }, null).EnsureCreatedAsync(CancellationToken.None);
        await tables.GetTableClient(TableNames.TenantData).AddEntityAsync(Typed("acme", "typed"));
        var blob = _source.Blobs().GetBlobContainerClient(BlobContainers.Statements).GetBlobClient("acme/acct/2026/12/06/file.xml");
        await blob.UploadAsync(BinaryData.FromString("<Document/>"), new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = "application/xml" },
            Metadata = new Dictionary<string, string> { ["source"] = "import" },
        });
        // The backup goes to a container of the source account through a container SAS, as to an off-site account.
        var backups = _source.Blobs().GetBlobContainerClient("backups");
        await backups.CreateAsync();
        var sas = backups.GenerateSasUri(BlobContainerSasPermissions.All, DateTimeOffset.UtcNow.AddHours(1)).ToString();

        var made = Cli.Run("backup", "--all", "--out", sas, "--connection-string", _source.ConnectionString);
        Assert.True(made.ExitCode == 0, made.Error);
        Assert.Equal(0, Cli.Run("verify", "--from", sas).ExitCode);
        var restored = Cli.Run("restore", "--from", sas, "--connection-string", _target.ConnectionString);
        Assert.True(restored.ExitCode == 0, restored.Error);

        var back = (await _target.Tables().GetTableClient(TableNames.TenantData).GetEntityAsync<TableEntity>("acme", "typed")).Value;
        foreach (var (name, value) in Typed("acme", "typed").Where(p => p.Key is not ("PartitionKey" or "RowKey" or "odata.etag")))
        {
            Assert.True(back.ContainsKey(name), name);
            Assert.Equal(value.GetType(), back[name].GetType());
            Assert.Equal(value, back[name]);
        }
        var copy = _target.Blobs().GetBlobContainerClient(BlobContainers.Statements).GetBlobClient("acme/acct/2026/12/06/file.xml");
        Assert.Equal("<Document/>", (await copy.DownloadContentAsync()).Value.Content.ToString());
        var properties = (await copy.GetPropertiesAsync()).Value;
        Assert.Equal("application/xml", properties.ContentType);
        Assert.Equal("import", properties.Metadata["source"]);
    }

    [Fact]
    public async Task A_tenant_backup_holds_that_tenant_only_even_beside_lookalike_ids()
    {
        await new StorageClients(new StorageOptions { ConnectionString = _source.ConnectionString }, null).EnsureCreatedAsync(CancellationToken.None);
        var tables = _source.Tables();
        // Lookalikes of "acme": a longer id ("acmex"), one with a separator after it ("acme-b"), one before it ("acm").
        string[] tenants = ["acme", "acmex", "acme-b", "acm"];
        foreach (var t in tenants)
        {
            await tables.GetTableClient(TableNames.TenantData).AddEntityAsync(new TableEntity(TableKeys.TenantPartition(t), TableKeys.TenantProfileRow) { ["TenantId"] = t });
            await tables.GetTableClient(TableNames.Statements).AddEntityAsync(new TableEntity(TableKeys.StatementPartition(t, "acct1"), TableKeys.AccountBalanceRow) { ["Owner"] = t });
            await tables.GetTableClient(TableNames.ApiKeys).AddEntityAsync(new TableEntity(TableKeys.ApiKeyLookupPartition("key-" + t), TableKeys.ApiKeyLookupRow) { ["TenantId"] = t });
            await tables.GetTableClient(TableNames.Tenants).AddEntityAsync(new TableEntity(TenantRegistryRow.Partition, t));
            await _source.Blobs().GetBlobContainerClient(BlobContainers.BankFiles).UploadBlobAsync($"{t}/file1/1/content", BinaryData.FromString(t));
        }
        await tables.GetTableClient(TableNames.Tenants).AddEntityAsync(new TableEntity(TableKeys.BankWaitPartition, "simbank-iso"));

        var made = Cli.Run("backup", "--tenant", "acme", "--out", _directory, "--connection-string", _source.ConnectionString);
        Assert.True(made.ExitCode == 0, made.Error);
        Assert.Equal([("acme", "tenant")], Cli.Rows(_directory, TableNames.TenantData).Select(r => (r.PartitionKey, r.RowKey)));
        Assert.Equal(["acme|acct1"], Cli.Rows(_directory, TableNames.Statements).Select(r => r.PartitionKey));
        Assert.Equal(["key-acme"], Cli.Rows(_directory, TableNames.ApiKeys).Select(r => r.PartitionKey));
        Assert.Equal([(TenantRegistryRow.Partition, "acme")], Cli.Rows(_directory, TableNames.Tenants).Select(r => (r.PartitionKey, r.RowKey)));
        var blobs = Cli.Lines(_directory, BackupFile.BlobIndexPath(BlobContainers.BankFiles));
        Assert.Single(blobs);
        Assert.Contains("\"acme/file1/1/content\"", blobs[0], StringComparison.Ordinal);

        // Restoring it next to other tenants: only acme's scope must be empty; a second time it is not.
        foreach (var t in new[] { "acmex", "acm" })
        {
            await _target.Tables().GetTableClient(TableNames.TenantData).CreateIfNotExistsAsync();
            await _target.Tables().GetTableClient(TableNames.TenantData).AddEntityAsync(new TableEntity(t, TableKeys.TenantProfileRow));
        }
        Assert.Equal(0, Cli.Run("restore", "--from", _directory, "--connection-string", _target.ConnectionString).ExitCode);
        var again = Cli.Run("restore", "--from", _directory, "--tenant", "acme", "--connection-string", _target.ConnectionString);
        Assert.Equal(3, again.ExitCode);
        Assert.Contains("table TenantData is not empty for tenant acme (first row: PartitionKey 'acme', RowKey 'tenant')", again.Error, StringComparison.Ordinal);
        var wrong = Cli.Run("restore", "--from", _directory, "--tenant", "acmex", "--connection-string", _target.ConnectionString);
        Assert.Equal(3, wrong.ExitCode);
        Assert.Contains("the backup holds tenant 'acme' only, not 'acmex'", wrong.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_manifest_counts_rows_written_after_the_backup_began()
    {
        var tables = _source.Tables();
        await tables.GetTableClient(TableNames.TenantData).CreateIfNotExistsAsync();
        await tables.GetTableClient(TableNames.TenantData).AddEntityAsync(new TableEntity("acme", "one"));
        await tables.GetTableClient(TableNames.TenantData).AddEntityAsync(new TableEntity("acme", "two"));
        await tables.GetTableClient(TableNames.TenantData).AddEntityAsync(new TableEntity("other", "one"));

        // The service stamps each row (Timestamp); a backup that began before those stamps sees them as changed meanwhile.
        var began = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(-1));
        var early = await new BackupWriter(tables, _source.Blobs(), BackupStore.Open(_directory), began, TextWriter.Null).RunAsync("acme", CancellationToken.None);
        Assert.Equal(2, early.RowsChangedDuringBackup);
        var later = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(1));
        var quiet = await new BackupWriter(tables, _source.Blobs(), BackupStore.Open(_directory + "-2"), later, TextWriter.Null).RunAsync("acme", CancellationToken.None);
        Directory.Delete(_directory + "-2", recursive: true);
        Assert.Equal(0, quiet.RowsChangedDuringBackup);
        Assert.Equal(2, quiet.Files.Single(f => f.Name == TableNames.TenantData).Count);
        // A second backup into the same place is refused rather than mixed with the first.
        var again = Cli.Run("backup", "--tenant", "acme", "--out", _directory, "--connection-string", _source.ConnectionString);
        Assert.Equal(3, again.ExitCode);
        Assert.Contains("already holds a backup", again.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Usage_errors_say_what_is_missing()
    {
        var both = Cli.Run("backup", "--tenant", "acme", "--all", "--out", _directory, "--connection-string", _source.ConnectionString);
        Assert.Equal(1, both.ExitCode);
        Assert.Contains("exactly one of --tenant <id> or --all", both.Error, StringComparison.Ordinal);
        var badTenant = Cli.Run("backup", "--tenant", "A'cme", "--out", _directory, "--connection-string", _source.ConnectionString);
        Assert.Equal(1, badTenant.ExitCode);
        Assert.Contains("is not a tenant id", badTenant.Error, StringComparison.Ordinal);
        if (new[] { "Storage__ConnectionString", "AzureWebJobsStorage", "Storage__TableServiceUri" }.All(v => Environment.GetEnvironmentVariable(v) is null))
        {
            var noAccount = Cli.Run("restore", "--from", _directory);
            Assert.Equal(1, noAccount.ExitCode);
            Assert.Contains("no storage account: pass --connection-string or --account <name>", noAccount.Error, StringComparison.Ordinal);
        }
        var noBackup = Cli.Run("verify", "--from", _directory);
        Assert.Equal(3, noBackup.ExitCode);
        Assert.Contains("manifest.json: missing from the backup", noBackup.Error, StringComparison.Ordinal);
    }
}
