using System.Collections.Concurrent;
using Azure;
using BankFunctions.Storage;
using BankFunctions.Storage.Queues;

namespace BankFunctions.Features.Events;

/// <summary>
/// Tells the sequencer that a tenant has events to number, after the commit that wrote them. Nudges of one tenant are
/// coalesced over <see cref="Window"/>: the first commit of a window schedules one message at its end, so every commit
/// of the window is numbered by it and a busy tenant costs a few queue messages a second, not one per change (the
/// POST stays at its storage operations). A nudge lost with the process is the sweep's (<see cref="EventsSweep"/>).
/// </summary>
public sealed class EventNudge(IQueueSender queue, TimeProvider clock)
{
    public static readonly TimeSpan Window = TimeSpan.FromMilliseconds(100);

    private readonly ConcurrentDictionary<string, byte> _scheduled = new(StringComparer.Ordinal);

    public Task SendAsync(string tenantId, CancellationToken cancellationToken)
    {
        if (_scheduled.TryAdd(tenantId, 0))
        {
            _ = SendAtWindowEndAsync(tenantId);
        }
        return Task.CompletedTask;
    }

    /// <summary>Sends one nudge now (the sweep), outside any window.</summary>
    public Task SendNowAsync(string tenantId, CancellationToken cancellationToken) =>
        queue.SendAsync(QueueNames.EventsSequence, tenantId, cancellationToken: cancellationToken);

    private async Task SendAtWindowEndAsync(string tenantId)
    {
        try
        {
            await Task.Delay(Window, clock).ConfigureAwait(false);
        }
        finally
        {
            // Removed before sending: a commit after this point schedules the next nudge itself.
            _scheduled.TryRemove(tenantId, out _);
        }
        try
        {
            await SendNowAsync(tenantId, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is RequestFailedException or HttpRequestException or OperationCanceledException or InvalidOperationException)
        {
            // The events are committed; the sweep nudges within a minute.
        }
    }
}
