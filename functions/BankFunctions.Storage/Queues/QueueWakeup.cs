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

    /// <summary>Waits up to <paramref name="timeout"/> on <paramref name="clock"/> (a test's fake clock times the back-off) or until a message is enqueued locally.</summary>
    public async Task WaitAsync(string queueName, TimeSpan timeout, TimeProvider clock, CancellationToken cancellationToken)
    {
        var signal = _signals.GetOrAdd(queueName, _ => new SemaphoreSlim(0, 1));
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var woken = signal.WaitAsync(waiting.Token);
        var elapsed = Task.Delay(timeout, clock, waiting.Token);
        await Task.WhenAny(woken, elapsed).ConfigureAwait(false);
        // The other wait ends here; a wakeup taken just as the time ran out is spent by the poll that follows anyway.
        await waiting.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(woken, elapsed).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
