using Azure;
using Azure.Storage.Queues;

namespace BankFunctions.Host.Runtime;

/// <summary>
/// Keeps a message invisible while its handler runs: taken for a short lease and renewed at a third of it, as the
/// Functions queue listener renews its visibility. A process that dies stops renewing, so its messages come back
/// within one lease instead of after the whole function timeout. Each renewal returns a new pop receipt; the
/// final delete or release must use the latest, which <see cref="StopAsync"/> returns.
/// </summary>
public sealed class MessageLease : IAsyncDisposable
{
    public static readonly TimeSpan Duration = TimeSpan.FromSeconds(30);

    private readonly QueueClient _queue;
    private readonly string _messageId;
    private readonly TimeSpan _duration;
    private readonly DateTimeOffset _leasedAt;
    private readonly TimeProvider _clock;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _renewing;
    private string _receipt;
    private bool _stopped;

    /// <param name="leasedAt">When the receive that took the message was asked for: the lease runs from then.</param>
    /// <param name="clock">Times the renewals (the system clock unless a test drives it).</param>
    public MessageLease(QueueClient queue, string messageId, string receipt, TimeSpan duration, DateTimeOffset leasedAt, TimeProvider? clock = null)
    {
        _clock = clock ?? TimeProvider.System;
        _duration = duration;
        _leasedAt = leasedAt;
        _queue = queue;
        _messageId = messageId;
        _receipt = receipt;
        _renewing = RenewAsync();
    }

    /// <summary>Stops renewing (once; later calls just answer) and returns the pop receipt that now holds the message.</summary>
    public async Task<string> StopAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await _stop.CancelAsync();
        }
        await _renewing;
        return _receipt;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }

    private async Task RenewAsync()
    {
        // Renewals are timed from when the last one was asked for, not from when it answered, so a slow storage
        // call does not push the next renewal past the lease's end. A renewal that fails for a passing reason (a
        // timeout, 5xx, throttling) is tried again soon while the lease still holds; one the queue refuses for good
        // (404: expired and taken by another delivery, or deleted; 400: a stale pop receipt) ends the renewing.
        var heldUntil = _leasedAt + _duration;
        var next = _leasedAt + _duration / 3;
        try
        {
            while (true)
            {
                var wait = next - _clock.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, _clock, _stop.Token);
                }
                var asked = _clock.GetUtcNow();
                try
                {
                    // Never cancelled half-way: a renewal the queue applied but whose answer we dropped would leave us the
                    // old pop receipt, the final delete would fail with it and the finished message come back after
                    // the lease (a needless second delivery). StopAsync waits for this call instead.
                    var renewed = await _queue.UpdateMessageAsync(_messageId, _receipt, visibilityTimeout: _duration, cancellationToken: CancellationToken.None);
                    _receipt = renewed.Value.PopReceipt;
                    heldUntil = asked + _duration;
                    next = asked + _duration / 3;
                }
                catch (RequestFailedException e) when (e.Status is 400 or 404)
                {
                    return;
                }
                catch (Exception e) when (e is RequestFailedException or IOException or HttpRequestException)
                {
                    if (_stop.IsCancellationRequested || _clock.GetUtcNow() >= heldUntil)
                    {
                        return; // Finished meanwhile, or lapsed: another delivery may hold it; the final step will find out.
                    }
                    next = _clock.GetUtcNow() + RetryPause;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped: the handler finished.
        }
    }

    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(200);
}
