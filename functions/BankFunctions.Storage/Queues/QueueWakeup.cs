using System.Collections.Concurrent;

namespace BankFunctions.Storage.Queues;

/// <summary>
/// Lets an enqueue on this instance wake the idle processor of that queue at once instead of after its polling
/// back-off (which only matters for latency; other instances still find the message by polling).
/// </summary>
public sealed class QueueWakeup
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _signals = new(StringComparer.Ordinal);

    public void Notify(string queueName)
    {
        var signal = _signals.GetOrAdd(queueName, _ => new SemaphoreSlim(0, 1));
        if (signal.CurrentCount == 0)
        {
            try { signal.Release(); } catch (SemaphoreFullException) { }
        }
    }

    /// <summary>Waits up to <paramref name="timeout"/> or until a message is enqueued locally.</summary>
    public async Task WaitAsync(string queueName, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var signal = _signals.GetOrAdd(queueName, _ => new SemaphoreSlim(0, 1));
        try
        {
            await signal.WaitAsync(timeout, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }
}
