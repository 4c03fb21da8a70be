using Xunit;
using System.Security.Cryptography;
using Azure.Data.Tables;
using BankFunctions.Storage;
using BankFunctions.Storage.Encryption;
using BankFunctions.Storage.Guard;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Storage.Tests.Encryption;

/// <summary>Issue #16 encryption at rest, on real Azurite: envelopes, their binding to the row, migration, key rotation.</summary>
public sealed class TableEncryptionTests(EncryptionStore store) : IClassFixture<EncryptionStore>
{
    private static PaymentRow Payment(string tenant, string id, string name = "Muster GmbH") => new()
    {
        PartitionKey = tenant, RowKey = TableKeys.PaymentRow(id), PaymentId = id, CreditorName = name,
        CreditorIban = "GB82WEST12345698765432", RemittanceInformation = "Invoice 42", Status = "submitted",
    };

    private static string NewTenant() => "t" + Guid.NewGuid().ToString("N")[..12];

    private TableClient RawTable => store.Raw.Table(TableNames.TenantData);

    [Fact]
    public async Task Sensitive_columns_are_sealed_in_storage_and_read_back_in_clear_single_batch_and_query()
    {
        var tenant = NewTenant();
        var table = store.Encrypted().Table(TableNames.TenantData);
        await table.AddCheckedAsync(Payment(tenant, "p1"));
        await table.SubmitCheckedAsync([new TableTransactionAction(TableTransactionActionType.Add, Payment(tenant, "p2", "Zweite AG")),
            new TableTransactionAction(TableTransactionActionType.Add, Payment(tenant, "p3", "Dritte SE"))]);

        var raw = (await RawTable.GetEntityAsync<TableEntity>(tenant, TableKeys.PaymentRow("p2"))).Value;
        Assert.StartsWith(Envelope.TextPrefix, raw.GetString("CreditorName"), StringComparison.Ordinal);
        Assert.StartsWith(Envelope.TextPrefix, raw.GetString("CreditorIban"), StringComparison.Ordinal);
        Assert.StartsWith(Envelope.TextPrefix, raw.GetString("RemittanceInformation"), StringComparison.Ordinal);
        Assert.Equal("submitted", raw.GetString("Status")); // not sensitive: stays queryable

        Assert.Equal("Muster GmbH", (await table.GetEntityAsync<PaymentRow>(tenant, TableKeys.PaymentRow("p1"))).Value.CreditorName);
        var all = new List<PaymentRow>();
        await foreach (var row in table.QueryAsync<PaymentRow>($"PartitionKey eq '{tenant}'"))
        {
            all.Add(row);
        }
        Assert.Equal(["Muster GmbH", "Zweite AG", "Dritte SE"], all.Select(r => r.CreditorName));
        Assert.All(all, r => Assert.Equal("GB82WEST12345698765432", r.CreditorIban));
    }

    [Fact]
    public async Task Every_value_has_a_fresh_nonce()
    {
        var tenant = NewTenant();
        var table = store.Encrypted().Table(TableNames.TenantData);
        await table.AddCheckedAsync(Payment(tenant, "a"));
        await table.AddCheckedAsync(Payment(tenant, "b"));
        var a = (await RawTable.GetEntityAsync<TableEntity>(tenant, TableKeys.PaymentRow("a"))).Value.GetString("CreditorName");
        var b = (await RawTable.GetEntityAsync<TableEntity>(tenant, TableKeys.PaymentRow("b"))).Value.GetString("CreditorName");
        Assert.NotEqual(a, b);
    }

    [Theory]
    [InlineData("other row")]
    [InlineData("other column")]
    [InlineData("other tenant")]
    public async Task A_sealed_value_copied_elsewhere_fails_to_decrypt(string where)
    {
        var tenant = NewTenant();
        var other = NewTenant();
        var encrypted = store.Encrypted().Table(TableNames.TenantData);
        await encrypted.AddCheckedAsync(Payment(tenant, "src"));
        await encrypted.AddCheckedAsync(Payment(other, "x")); // the other tenant has keys of its own
        var sealedName = (await RawTable.GetEntityAsync<TableEntity>(tenant, TableKeys.PaymentRow("src"))).Value.GetString("CreditorName");
        var (pk, rk, column) = where switch
        {
            "other row" => (tenant, TableKeys.PaymentRow("dst"), "CreditorName"),
            "other column" => (tenant, TableKeys.PaymentRow("dst"), "RemittanceInformation"),
            _ => (other, TableKeys.PaymentRow("dst"), "CreditorName"),
        };
        await RawTable.UpsertEntityAsync(new TableEntity(pk, rk) { [column] = sealedName });
        await Assert.ThrowsAnyAsync<CryptographicException>(() => encrypted.GetEntityAsync<TableEntity>(pk, rk));
    }

    [Fact]
    public async Task Rows_written_before_encryption_read_in_clear_and_are_sealed_on_their_next_write()
    {
        var tenant = NewTenant();
        await RawTable.AddEntityAsync(Payment(tenant, "old"));
        var table = store.Encrypted().Table(TableNames.TenantData);
        var row = (await table.GetEntityAsync<PaymentRow>(tenant, TableKeys.PaymentRow("old"))).Value;
        Assert.Equal("Muster GmbH", row.CreditorName);

        row.Status = "approved";
        await table.UpdateCheckedAsync(row, row.ETag, TableUpdateMode.Replace);
        var raw = (await RawTable.GetEntityAsync<TableEntity>(tenant, TableKeys.PaymentRow("old"))).Value;
        Assert.StartsWith(Envelope.TextPrefix, raw.GetString("CreditorName"), StringComparison.Ordinal);
        Assert.Equal("Muster GmbH", (await table.GetEntityAsync<PaymentRow>(tenant, TableKeys.PaymentRow("old"))).Value.CreditorName);
    }

    [Fact]
    public async Task With_encryption_switched_off_new_writes_are_in_clear_and_sealed_values_still_read()
    {
        var tenant = NewTenant();
        await store.Encrypted().Table(TableNames.TenantData).AddCheckedAsync(Payment(tenant, "sealed"));
        var off = store.Encrypted(sealWrites: false).Table(TableNames.TenantData);
        await off.AddCheckedAsync(Payment(tenant, "clear"));
        Assert.Equal("Muster GmbH", (await RawTable.GetEntityAsync<TableEntity>(tenant, TableKeys.PaymentRow("clear"))).Value.GetString("CreditorName"));
        Assert.Equal("Muster GmbH", (await off.GetEntityAsync<PaymentRow>(tenant, TableKeys.PaymentRow("sealed"))).Value.CreditorName);
    }

    [Fact]
    public async Task A_new_KEK_version_rewraps_data_keys_without_rewriting_a_row()
    {
        var tenant = NewTenant();
        var clients = store.Encrypted();
        await clients.Table(TableNames.TenantData).AddCheckedAsync(Payment(tenant, "r"));
        var before = (await RawTable.GetEntityAsync<TableEntity>(tenant, TableKeys.PaymentRow("r"))).Value;
        var keyRows = store.Raw.Table(TableNames.TenantKeys);
        var oldKek = (await keyRows.GetEntityAsync<TenantKeyRow>(tenant, TableKeys.TenantKeyRow(1))).Value.KekId;

        var newKek = store.Kek.Rotate();
        Assert.True(await clients.KeyRing!.RewrapAsync(tenant, CancellationToken.None) >= 1);

        var keyRow = (await keyRows.GetEntityAsync<TenantKeyRow>(tenant, TableKeys.TenantKeyRow(1))).Value;
        Assert.Equal(newKek, keyRow.KekId);
        Assert.NotEqual(oldKek, keyRow.KekId);
        var after = (await RawTable.GetEntityAsync<TableEntity>(tenant, TableKeys.PaymentRow("r"))).Value;
        Assert.Equal(before.ETag, after.ETag); // the row was not touched
        Assert.Equal(before.GetString("CreditorName"), after.GetString("CreditorName"));
        // A fresh instance (empty cache) reads it through the new KEK version alone.
        Assert.Equal("Muster GmbH", (await store.Encrypted().Table(TableNames.TenantData).GetEntityAsync<PaymentRow>(tenant, TableKeys.PaymentRow("r"))).Value.CreditorName);
    }

    [Fact]
    public async Task A_new_data_key_version_seals_new_writes_while_older_values_still_read_and_lookups_stay_equal()
    {
        var tenant = NewTenant();
        var clients = store.Encrypted();
        var table = clients.Table(TableNames.TenantData);
        await table.AddCheckedAsync(Payment(tenant, "v1"));
        var lookupBefore = await clients.LookupValueAsync(tenant, "GB82WEST12345698765432", CancellationToken.None);

        Assert.Equal(2, await clients.KeyRing!.RotateDataKeyAsync(tenant, CancellationToken.None));
        await table.AddCheckedAsync(Payment(tenant, "v2", "Nach Rotation KG"));

        int Version(TableEntity e) => Envelope.KeyVersion(Convert.FromBase64String(e.GetString("CreditorName")[Envelope.TextPrefix.Length..]));
        Assert.Equal(1, Version((await RawTable.GetEntityAsync<TableEntity>(tenant, TableKeys.PaymentRow("v1"))).Value));
        Assert.Equal(2, Version((await RawTable.GetEntityAsync<TableEntity>(tenant, TableKeys.PaymentRow("v2"))).Value));
        var fresh = store.Encrypted().Table(TableNames.TenantData);
        Assert.Equal("Muster GmbH", (await fresh.GetEntityAsync<PaymentRow>(tenant, TableKeys.PaymentRow("v1"))).Value.CreditorName);
        Assert.Equal("Nach Rotation KG", (await fresh.GetEntityAsync<PaymentRow>(tenant, TableKeys.PaymentRow("v2"))).Value.CreditorName);
        Assert.Equal(lookupBefore, await store.Encrypted().LookupValueAsync(tenant, "GB82WEST12345698765432", CancellationToken.None));
        Assert.DoesNotContain("GB82", lookupBefore, StringComparison.Ordinal);
    }
}
