using BankFunctions.Features.Runtime;
using BankFunctions.Storage;
using BankFunctions.Storage.Queues;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Webhooks;

/// <summary>
/// Timer webhooks-sweep (every minute): the safety net behind the wake-ups. Wakes the pump of every enabled endpoint
/// that is behind the feed, not backing off and not leased (a lost message, a crash under a lease, a delayed retry
/// message gone to poison).
/// </summary>
public sealed class WebhooksSweep(StorageClients storage, WebhookEndpointStore store, IQueueSender queue, TimeProvider clock) : ITimerHandler
{
    public const string Schedule = "0 */1 * * * *";

    public async Task RunAsync(TimerTick tick, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await foreach (var tenant in storage.Table(TableNames.Tenants).QueryAsync<TenantRegistryRow>(
            $"PartitionKey eq '{TenantRegistryRow.Partition}'", select: ["RowKey"], cancellationToken: cancellationToken))
        {
            var endpoints = await store.ListAsync(tenant.RowKey, cancellationToken);
            if (endpoints.Count == 0)
            {
                continue;
            }
            var last = await store.LastSequenceAsync(tenant.RowKey, cancellationToken);
            foreach (var endpoint in endpoints.Where(e => e.Enabled))
            {
                var state = await store.StateAsync(tenant.RowKey, endpoint.EndpointId, cancellationToken);
                if (state is not null && state.Cursor < last && !(state.NextAttemptAt > now) && !(state.LeaseUntil > now))
                {
                    await WebhookMessage.SendPumpAsync(queue, tenant.RowKey, endpoint.EndpointId, cancellationToken);
                }
            }
        }
    }
}
