using BankFunctions.Storage.Guard;
using Azure;
using Azure.Data.Tables;
using BankFunctions.Features.Runtime;
using BankFunctions.Storage;
using BankFunctions.Storage.Queues;
using BankFunctions.Storage.Rows;
using Microsoft.Extensions.Logging;

namespace BankFunctions.Features.Outbox;

/// <summary>
/// Timer outbox-sweep: re-enqueues work whose outbox row is past due — the process died between commit and
/// enqueue, the message was lost, or it went to poison. Each row is pushed back by the grace period (ETag-guarded)
/// before its message is sent, so two sweeps never double-send; the stage that takes the work deletes the row.
/// </summary>
public sealed partial class OutboxSweep(StorageClients storage, IQueueSender queue, TimeProvider clock, ILogger<OutboxSweep> logger) : ITimerHandler
{
    public const string Schedule = "0 */1 * * * *";

    public async Task RunAsync(TimerTick tick, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var table = storage.Table(TableNames.TenantData);
        await foreach (var tenant in storage.Table(TableNames.Tenants).QueryAsync<TenantRegistryRow>(
            $"PartitionKey eq '{TenantRegistryRow.Partition}'", select: ["RowKey"], cancellationToken: cancellationToken))
        {
            await foreach (var row in table.QueryAsync<OutboxRow>(TableKeys.PrefixFilter(TableKeys.TenantPartition(tenant.RowKey), TableKeys.OutboxPrefix),
                cancellationToken: cancellationToken))
            {
                if (row.DueAt > now)
                {
                    continue;
                }
                row.DueAt = now + Payments.PaymentRows.OutboxGrace;
                row.Attempts++;
                try
                {
                    await table.UpdateCheckedAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
                }
                catch (RequestFailedException e) when (e.Status is 404 or 412)
                {
                    continue; // Taken by its stage, or by another sweep.
                }
                await queue.SendAsync(row.Queue, row.Message, cancellationToken: cancellationToken);
                LogRedriven(logger, row.Queue, row.RowKey, row.Attempts);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox re-drove {Queue} work {Subject} (attempt {Attempts})")]
    private static partial void LogRedriven(ILogger logger, string queue, string subject, int attempts);
}
