using System.Text.Json;
using Azure.Data.Tables;
using BankFunctions.Banks;
using BankFunctions.Domain.Payments;
using BankFunctions.Features;
using BankFunctions.Features.AuditTrail;
using BankFunctions.Features.Dispatch;
using BankFunctions.Features.Payments;
using BankFunctions.Storage;
using BankFunctions.Storage.Rows;
using BankFunctions.TestSupport;

namespace BankFunctions.Host.Tests.Dispatch;

/// <summary>ETag-guarded payment transitions against real Azurite, and the rows they hand back.</summary>
public sealed class BankFileStoreTests : IClassFixture<AzuriteFixture>
{
    private const string SealKey = "test-audit-seal-key-0123456789abcdef0123";
    private readonly AzuriteFixture azurite;
    // The host registers one from configuration; these tests use the store without a host.
    private readonly AuditRows auditRows = new(new AuditSeal(new AuditOptions { SealKey = SealKey }));

    public BankFileStoreTests(AzuriteFixture azurite) => this.azurite = azurite;

    [Fact]
    public async Task Each_transaction_of_moved_payments_carries_one_audit_row_naming_them()
    {
        var storage = new StorageClients(new StorageOptions { ConnectionString = azurite.ConnectionString }, null);
        var table = storage.Table(TableNames.TenantData);
        await table.CreateIfNotExistsAsync();
        var tenant = "t-" + Guid.NewGuid().ToString("N")[..8];
        var rows = new List<PaymentRow>();
        foreach (var chunk in Enumerable.Range(0, 250).Select(i => new PaymentRow
        {
            PartitionKey = TableKeys.TenantPartition(tenant), RowKey = TableKeys.PaymentRow($"pay_{i:D5}"), PaymentId = $"pay_{i:D5}",
            FileId = "file_1", BankReference = $"REF{i:D5}", Status = PaymentStatus.Sent.ToWire(),
        }).Chunk(100))
        {
            var result = await table.SubmitTransactionAsync(chunk.Select(r => new TableTransactionAction(TableTransactionActionType.Add, r)));
            for (var i = 0; i < chunk.Length; i++)
            {
                chunk[i].ETag = result.Value[i].Headers.ETag!.Value;
            }
            rows.AddRange(chunk);
        }
        var store = new BankFileStore(storage, TimeProvider.System, auditRows);

        // 249 accepted by the bank, one rejected: one status for most transactions, a mixed one for the last.
        var statuses = rows.Select((r, i) => i == 249
            ? new PaymentBankStatus(r.BankReference, PaymentStatus.Rejected, "RJCT", "AC04", "Closed account")
            : new PaymentBankStatus(r.BankReference, PaymentStatus.Accepted, "ACSP", "ACSP", null)).ToList();
        await store.ApplyBankStatusesAsync(rows, statuses, "PollPaymentStatus", CancellationToken.None);

        var audit = new List<AuditRow>();
        await foreach (var row in table.QueryAsync<AuditRow>(TableKeys.PrefixFilter(tenant, TableKeys.AuditPrefix)))
        {
            audit.Add(row);
        }
        // 99 + 99 + 52 payments: three transactions, three audit rows, together naming every payment once.
        Assert.Equal(3, audit.Count);
        var seal = new AuditSeal(new AuditOptions { SealKey = SealKey });
        Assert.All(audit, a =>
        {
            Assert.Equal("system:PollPaymentStatus", a.Actor);
            Assert.Equal("file_1", a.Subject);
            Assert.True(seal.Verify(a));
        });
        var named = audit.SelectMany(a => JsonDocument.Parse(a.After!).RootElement.GetProperty("payments").EnumerateArray()).ToList();
        Assert.Equal(rows.Select(r => r.PaymentId).Order(), named.Select(p => p.GetProperty("id").GetString()).Order());
        Assert.All(named, p => Assert.Equal("sent", p.GetProperty("from").GetString()));
        Assert.Equal(2, audit.Count(a => a.Action == "payment.accepted"));
        Assert.Single(audit, a => a.Action == "payment.status-changed");
        var rejected = Assert.Single(named, p => p.GetProperty("to").GetString() == "rejected");
        Assert.Equal("AC04", rejected.GetProperty("bankCode").GetString());
    }

    [Fact]
    public async Task A_payment_changed_underneath_is_re_read_re_decided_and_returned_as_stored()
    {
        var storage = new StorageClients(new StorageOptions { ConnectionString = azurite.ConnectionString }, null);
        var table = storage.Table(TableNames.TenantData);
        await table.CreateIfNotExistsAsync();
        var tenant = "t-" + Guid.NewGuid().ToString("N")[..8];
        var rows = new List<PaymentRow>();
        foreach (var id in new[] { "p1", "p2", "p3" })
        {
            var row = new PaymentRow
            {
                PartitionKey = TableKeys.TenantPartition(tenant), RowKey = TableKeys.PaymentRow(id), PaymentId = id,
                BankReference = "REF-" + id, Status = PaymentStatus.Sent.ToWire(),
            };
            row.ETag = (await table.AddEntityAsync(row)).Headers.ETag!.Value;
            rows.Add(row);
        }
        // Someone else moves p2 to accepted after we read it: our copy is stale.
        var theirs = (await table.GetEntityAsync<PaymentRow>(rows[1].PartitionKey, rows[1].RowKey)).Value;
        PaymentTransitions.Apply(theirs, PaymentStatus.Accepted, PaymentTrigger.BankReport, DateTimeOffset.UtcNow);
        await table.UpdateEntityAsync(theirs, theirs.ETag);
        var store = new BankFileStore(storage, TimeProvider.System, auditRows);

        var statuses = rows.Select(r => new PaymentBankStatus(r.BankReference, PaymentStatus.Completed, "ACSC", "ACSC", null)).ToList();
        var current = await store.ApplyBankStatusesAsync(rows, statuses, "Test", CancellationToken.None);

        Assert.Equal(["p1", "p2", "p3"], current.Select(p => p.PaymentId));
        Assert.All(current, p => Assert.Equal(PaymentStatus.Completed.ToWire(), p.Status));
        foreach (var p in current)
        {
            var stored = (await table.GetEntityAsync<PaymentRow>(p.PartitionKey, p.RowKey)).Value;
            Assert.Equal(PaymentStatus.Completed.ToWire(), stored.Status);
            Assert.Equal(stored.ETag, p.ETag); // what came back is what is stored, ready for the next guarded write
        }
        // p2's history has both moves: theirs (accepted) and ours (completed), nothing lost to the conflict.
        Assert.Contains(PaymentStatus.Accepted.ToWire(), current[1].StatusHistory, StringComparison.Ordinal);
    }
}
