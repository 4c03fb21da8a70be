using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using BankFunctions.Cli.Backup;
using BankFunctions.Storage;

namespace BankFunctions.Host.Tests.Backup;

/// <summary>Pure rules: every table has a tenant rule, the rules keep lookalike tenants apart, a row line reads back exactly.</summary>
public sealed class BackupScopeTests
{
    [Fact]
    public void Every_table_has_a_tenant_rule_and_every_data_container_is_backed_up()
    {
        foreach (var table in BackupScope.Tables)
        {
            Assert.NotEmpty(BackupScope.TenantFilter(table, "acme"));
        }
        // Sessions are not data: a restored session would sign a browser in again.
        Assert.Equal(TableNames.All.Except([TableNames.Sessions]), BackupScope.Tables);
        Assert.Equal(BlobContainers.All.Except([BlobContainers.Locks]), BackupScope.Containers);
        Assert.Throws<InvalidOperationException>(() => BackupScope.TenantFilter("NewTable", "acme"));
    }

    [Theory]
    [InlineData(TableNames.TenantData, "acme", "tenant", null, true)]
    [InlineData(TableNames.TenantData, "acmex", "tenant", null, false)]
    [InlineData(TableNames.Statements, "acme|acct", "balance", null, true)]
    [InlineData(TableNames.Statements, "acme-b|acct", "balance", null, false)]
    [InlineData(TableNames.Statements, "acmex|acct", "balance", null, false)]
    [InlineData(TableNames.ApiKeys, "key1", "key", "acme", true)]
    [InlineData(TableNames.ApiKeys, "key1", "key", "acme-b", false)]
    [InlineData(TableNames.Tenants, "tenants", "acme", null, true)]
    [InlineData(TableNames.Tenants, "tenants", "acmex", null, false)]
    [InlineData(TableNames.Tenants, "bank-waits", "acme", null, false)]
    public void Rows_belong_by_the_key_rules(string table, string partition, string row, string? tenantProperty, bool belongs) =>
        Assert.Equal(belongs, BackupScope.Belongs(table, partition, row, tenantProperty, "acme"));

    [Fact]
    public void A_row_line_keeps_every_type_and_drops_the_service_properties()
    {
        var entity = new TableEntity("p", "r")
        {
            ["S"] = "x", ["I"] = 1, ["L"] = 2L, ["D"] = 2.0, ["Nan"] = double.NaN, ["B"] = false,
            ["T"] = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(8)), ["G"] = Guid.Empty, ["Bin"] = new byte[] { 1 },
            ["Timestamp"] = DateTimeOffset.UnixEpoch,
        };
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, EntityJson.WriterOptions))
        {
            EntityJson.Write(writer, entity);
        }
        var line = Encoding.UTF8.GetString(buffer.ToArray());
        Assert.Contains("\"L@odata.type\":\"Edm.Int64\",\"L\":\"2\"", line, StringComparison.Ordinal);
        Assert.Contains("\"T\":\"2026-01-01T19:04:05.0000000Z\"", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Timestamp", line, StringComparison.Ordinal);
        var back = EntityJson.Read(buffer.ToArray());
        foreach (var name in new[] { "S", "I", "L", "D", "Nan", "B", "T", "G", "Bin" })
        {
            Assert.Equal(entity[name].GetType(), back[name].GetType());
            Assert.Equal(entity[name], back[name]);
        }
    }
}
