using Xunit;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using BankFunctions.Storage;
using BankFunctions.Storage.Encryption;
using BankFunctions.Storage.Guard;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Storage.Tests.Encryption;

/// <summary>
/// Issue #16 for binary columns, on real Azurite: the gzipped events a change leaves for the sequencer
/// (<see cref="PendingEventRow"/>) are sealed as bytes, bound to their row and column, and still fit 64 KiB a part.
/// </summary>
public sealed class BinaryColumnEncryptionTests(EncryptionStore store) : IClassFixture<EncryptionStore>
{
    private static readonly byte[] Events = Gzip("""[{"type":"payment.created","data":{"creditor":{"name":"Muster GmbH","iban":"GB82WEST12345698765432"}}}]""");

    private static byte[] Gzip(string json)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(Encoding.UTF8.GetBytes(json));
        }
        return output.ToArray();
    }

    private static PendingEventRow Pending(string partition, string id, byte[]? data0, byte[]? data1 = null) => new()
    {
        PartitionKey = partition, RowKey = TableKeys.EventPendingRow(id), Count = 1, At = DateTimeOffset.UnixEpoch, Data0 = data0, Data1 = data1,
    };

    private static string NewTenant() => "t" + Guid.NewGuid().ToString("N")[..12];

    private async Task<TableEntity> RawAsync(string table, string partition, string id) =>
        (await store.Raw.Table(table).GetEntityAsync<TableEntity>(partition, TableKeys.EventPendingRow(id))).Value;

    [Fact]
    public void The_marker_is_the_Base64_of_the_magic()
    {
        Assert.Equal(Encoding.ASCII.GetString(Envelope.BinaryMarker), Convert.ToBase64String(Envelope.BinaryMagic));
        Assert.Equal(0, Envelope.BinaryMagic.Length % 3); // so the marker is a fixed prefix of every sealed value's Base64
    }

    [Theory]
    [InlineData(TableNames.TenantData, "")]
    [InlineData(TableNames.Statements, "|acc_1")]
    public async Task Pending_events_are_sealed_as_binary_and_read_back_byte_for_byte_single_batch_and_query(string tableName, string account)
    {
        var partition = NewTenant() + account;
        var table = store.Encrypted().Table(tableName);
        var second = RandomNumberGenerator.GetBytes(1000);
        await table.AddCheckedAsync(Pending(partition, "a", Events, second));
        await table.SubmitCheckedAsync([new TableTransactionAction(TableTransactionActionType.Add, Pending(partition, "b", Events))]);

        foreach (var id in new[] { "a", "b" })
        {
            var raw = await RawAsync(tableName, partition, id);
            var stored = raw.GetBinary("Data0");
            Assert.NotNull(stored); // still Edm.Binary
            Assert.True(stored.AsSpan().StartsWith(Envelope.BinaryMagic));
            Assert.Equal(Events.Length + Envelope.BinaryOverhead, stored.Length);
            Assert.DoesNotContain("Muster", Encoding.UTF8.GetString(stored), StringComparison.Ordinal);
        }
        Assert.True((await RawAsync(tableName, partition, "a")).GetBinary("Data1").AsSpan().StartsWith(Envelope.BinaryMagic));

        var read = (await table.GetEntityAsync<PendingEventRow>(partition, TableKeys.EventPendingRow("a"))).Value;
        Assert.Equal(Events, read.Data0);
        Assert.Equal(second, read.Data1);
        Assert.Null(read.Data2);
        var all = new List<PendingEventRow>();
        await foreach (var row in table.QueryAsync<PendingEventRow>(TableKeys.PrefixFilter(partition, TableKeys.EventPendingPrefix)))
        {
            all.Add(row);
        }
        Assert.Equal(2, all.Count);
        Assert.All(all, r => Assert.Equal(Events, r.Data0));
    }

    [Theory]
    [InlineData("other column")]
    [InlineData("other row")]
    [InlineData("other table")]
    public async Task A_sealed_part_copied_elsewhere_fails_to_decrypt(string where)
    {
        var tenant = NewTenant();
        var encrypted = store.Encrypted();
        await encrypted.Table(TableNames.TenantData).AddCheckedAsync(Pending(tenant, "src", Events));
        var sealedPart = (await RawAsync(TableNames.TenantData, tenant, "src")).GetBinary("Data0");
        var (table, partition, rk, column) = where switch
        {
            "other column" => (TableNames.TenantData, tenant, TableKeys.EventPendingRow("src"), "Data1"),
            "other row" => (TableNames.TenantData, tenant, TableKeys.EventPendingRow("dst"), "Data0"),
            _ => (TableNames.Statements, tenant, TableKeys.EventPendingRow("src"), "Data0"),
        };
        await store.Raw.Table(table).UpsertEntityAsync(new TableEntity(partition, rk) { [column] = sealedPart });

        await Assert.ThrowsAnyAsync<CryptographicException>(() => encrypted.Table(table).GetEntityAsync<PendingEventRow>(partition, rk));
    }

    [Fact]
    public async Task A_pending_row_written_before_encryption_reads_as_it_was_and_is_sealed_on_its_next_write()
    {
        var tenant = NewTenant();
        await store.Raw.Table(TableNames.TenantData).AddEntityAsync(Pending(tenant, "old", Events));
        var encrypted = store.Encrypted().Table(TableNames.TenantData);

        var read = (await encrypted.GetEntityAsync<PendingEventRow>(tenant, TableKeys.EventPendingRow("old"))).Value;
        Assert.Equal(Events, read.Data0);
        Assert.Equal(0x1f, (await RawAsync(TableNames.TenantData, tenant, "old")).GetBinary("Data0")[0]); // gzip, in clear

        await encrypted.UpdateEntityAsync(read, read.ETag, TableUpdateMode.Replace);
        Assert.True((await RawAsync(TableNames.TenantData, tenant, "old")).GetBinary("Data0").AsSpan().StartsWith(Envelope.BinaryMagic));
        Assert.Equal(Events, (await encrypted.GetEntityAsync<PendingEventRow>(tenant, TableKeys.EventPendingRow("old"))).Value.Data0);
    }

    [Fact]
    public async Task A_full_part_still_fits_a_binary_property_once_sealed_and_one_byte_more_is_refused()
    {
        var tenant = NewTenant();
        var table = store.Encrypted().Table(TableNames.TenantData);
        var full = RandomNumberGenerator.GetBytes(PendingEventRow.PartBytes);

        await table.AddCheckedAsync(Pending(tenant, "full", full));

        Assert.Equal(StorageLimits.MaxBinaryBytes, (await RawAsync(TableNames.TenantData, tenant, "full")).GetBinary("Data0").Length);
        Assert.Equal(full, (await table.GetEntityAsync<PendingEventRow>(tenant, TableKeys.EventPendingRow("full"))).Value.Data0);
        await Assert.ThrowsAsync<StorageLimitException>(() => table.AddCheckedAsync(Pending(tenant, "over", RandomNumberGenerator.GetBytes(PendingEventRow.PartBytes + 1))));
    }

    [Fact]
    public async Task A_text_that_starts_like_a_sealed_binary_value_in_another_column_is_data()
    {
        var tenant = NewTenant();
        var label = Encoding.ASCII.GetString(Envelope.BinaryMarker) + "AAAAAQ== a label";
        var table = store.Encrypted().Table(TableNames.TenantData);
        await table.AddEntityAsync(new TableEntity(tenant, "acct|x") { ["Name"] = label });

        Assert.Equal(label, (await table.GetEntityAsync<TableEntity>(tenant, "acct|x")).Value.GetString("Name"));
    }
}
