using BankFunctions.Features.Dispatch;
using BankFunctions.Features.Payments;
using BankFunctions.Storage;
using BankFunctions.Storage.Rows;
using BankFunctions.TestSupport;

namespace BankFunctions.Host.Tests.Dispatch;

/// <summary>ETag-guarded payment transitions against real Azurite, and the rows they hand back.</summary>
public sealed class BankFileStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
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
                BankReference = "REF-" + id, Status = PaymentStatuses.Sent,
            };
            row.ETag = (await table.AddEntityAsync(row)).Headers.ETag!.Value;
            rows.Add(row);
        }
        // Someone else moves p2 to accepted after we read it: our copy is stale.
        var theirs = (await table.GetEntityAsync<PaymentRow>(rows[1].PartitionKey, rows[1].RowKey)).Value;
        BankFileStore.Move(theirs, PaymentStatuses.Accepted, DateTimeOffset.UtcNow);
        await table.UpdateEntityAsync(theirs, theirs.ETag);
        var store = new BankFileStore(storage, TimeProvider.System);

        var statuses = rows.Select(r => new PaymentBankStatus(r.BankReference, PaymentStatuses.Completed, "ACSC", "ACSC", null)).ToList();
        var current = await store.ApplyBankStatusesAsync(rows, statuses, CancellationToken.None);

        Assert.Equal(["p1", "p2", "p3"], current.Select(p => p.PaymentId));
        Assert.All(current, p => Assert.Equal(PaymentStatuses.Completed, p.Status));
        foreach (var p in current)
        {
            var stored = (await table.GetEntityAsync<PaymentRow>(p.PartitionKey, p.RowKey)).Value;
            Assert.Equal(PaymentStatuses.Completed, stored.Status);
            Assert.Equal(stored.ETag, p.ETag); // what came back is what is stored, ready for the next guarded write
        }
        // p2's history has both moves: theirs (accepted) and ours (completed), nothing lost to the conflict.
        Assert.Contains(PaymentStatuses.Accepted, current[1].StatusHistory, StringComparison.Ordinal);
    }
}
