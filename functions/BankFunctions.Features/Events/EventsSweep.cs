using BankFunctions.Features.Runtime;
using BankFunctions.Storage;
using BankFunctions.Storage.Queues;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Events;

/// <summary>
/// Timer events-sweep: the safety net behind the nudge each commit sends (the process died between commit and nudge,
/// or the message went to poison): relays what an ingest left in its accounts' statement partitions (<see cref="EventRelay"/>;
/// one single-row query per account) and nudges the sequencer of every tenant that still has unsequenced events.
/// </summary>
public sealed class EventsSweep(StorageClients storage, EventNudge nudge, EventRelay relay) : ITimerHandler
{
    public const string Schedule = "0 */1 * * * *";

    public async Task RunAsync(TimerTick tick, CancellationToken cancellationToken)
    {
        var table = storage.Table(TableNames.TenantData);
        await foreach (var tenant in storage.Table(TableNames.Tenants).QueryAsync<TenantRegistryRow>(
            $"PartitionKey eq '{TenantRegistryRow.Partition}'", select: ["RowKey"], cancellationToken: cancellationToken))
        {
            await foreach (var account in table.QueryAsync<AccountRow>(TableKeys.PrefixFilter(TableKeys.TenantPartition(tenant.RowKey), TableKeys.AccountPrefix),
                select: ["AccountId"], cancellationToken: cancellationToken))
            {
                var partition = TableKeys.StatementPartition(tenant.RowKey, account.AccountId);
                if (await relay.HasPendingAsync(partition, cancellationToken))
                {
                    await relay.RelayAsync(partition, cancellationToken);
                }
            }
            await foreach (var _ in table.QueryAsync<PendingEventRow>(TableKeys.PrefixFilter(TableKeys.TenantPartition(tenant.RowKey), TableKeys.EventPendingPrefix),
                maxPerPage: 1, select: ["RowKey"], cancellationToken: cancellationToken))
            {
                await nudge.SendNowAsync(tenant.RowKey, cancellationToken);
                break;
            }
        }
    }
}
