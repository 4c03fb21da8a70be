using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using BankFunctions.Features;
using BankFunctions.Features.AuditTrail;
using BankFunctions.Features.Dispatch;
using BankFunctions.Features.Payments;
using BankFunctions.Features.Runtime;
using BankFunctions.Storage;
using BankFunctions.Storage.Queues;
using BankFunctions.Storage.Rows;
using BankFunctions.TestSupport;

namespace BankFunctions.Host.Tests.Dispatch;

/// <summary>The payment stages' poison handler against real Azurite, with a status poll writing the same file at the same moment.</summary>
public sealed class PoisonedPaymentsTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private readonly AuditRows _audit = new(new AuditSeal(new AuditOptions { SealKey = "test-audit-seal-key-0123456789abcdef0123" }));

    [Fact]
    public async Task A_file_changed_by_a_poll_while_it_is_marked_is_read_again_and_still_becomes_needs_attention()
    {
        var tenant = "t-" + Guid.NewGuid().ToString("N")[..8];
        var fileId = "file_" + Guid.NewGuid().ToString("N")[..12];
        var plain = new StorageClients(new StorageOptions { ConnectionString = azurite.ConnectionString }, null);
        var table = plain.Table(TableNames.TenantData);
        await table.CreateIfNotExistsAsync();
        await table.AddEntityAsync(new BankFileRow
        {
            PartitionKey = TableKeys.TenantPartition(tenant), RowKey = TableKeys.BankFileRow(fileId), FileId = fileId, State = BankFileStates.Sent,
        });
        // The poll's write lands between the handler's read and its write: the handler's ETag is then stale (412).
        var poll = new WriteBeforeFirstUpdate(async () =>
        {
            var row = (await table.GetEntityAsync<BankFileRow>(TableKeys.TenantPartition(tenant), TableKeys.BankFileRow(fileId))).Value;
            row.StatusPolls++;
            await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace);
        });
        var racing = new StorageClients(new StorageOptions { ConnectionString = azurite.ConnectionString }, null, poll);
        var handler = new PoisonedPayments(new PaymentStore(racing), new BankFileStore(racing, TimeProvider.System, _audit), TimeProvider.System);

        await handler.HandleAsync(new QueueMessageContext(QueueNames.Poison(QueueNames.PaymentsStatus), "m1",
            JsonSerializer.Serialize(new { tenantId = tenant, fileId }), 5, null), default);

        var file = (await table.GetEntityAsync<BankFileRow>(TableKeys.TenantPartition(tenant), TableKeys.BankFileRow(fileId))).Value;
        Assert.True(poll.Raced, "the poll's write did not happen: the test proves nothing");
        Assert.Equal(BankFileStates.NeedsAttention, file.State);
        Assert.Equal(1, file.StatusPolls); // the poll's change is kept, not overwritten by a stale copy
    }

    /// <summary>Runs <paramref name="write"/> once, just before the first entity update (PUT with If-Match) goes out.</summary>
    private sealed class WriteBeforeFirstUpdate(Func<Task> write) : HttpPipelinePolicy
    {
        public bool Raced { get; private set; }

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            if (!Raced && message.Request.Method == RequestMethod.Put && message.Request.Headers.Contains("If-Match"))
            {
                Raced = true;
                await write();
            }
            await ProcessNextAsync(message, pipeline);
        }
    }
}
