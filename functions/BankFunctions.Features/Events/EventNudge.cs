using BankFunctions.Storage;
using BankFunctions.Storage.Queues;

namespace BankFunctions.Features.Events;

/// <summary>Tells the sequencer that a tenant has events to number: sent after the commit that wrote them (the sweep is the safety net).</summary>
public sealed class EventNudge(IQueueSender queue)
{
    public Task SendAsync(string tenantId, CancellationToken cancellationToken) =>
        queue.SendAsync(QueueNames.EventsSequence, tenantId, cancellationToken: cancellationToken);
}
