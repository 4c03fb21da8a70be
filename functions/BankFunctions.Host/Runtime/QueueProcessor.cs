using System.Text;
using Azure;
using Azure.Storage.Queues;
using BankFunctions.Storage.Queues;
using Azure.Storage.Queues.Models;
using BankFunctions.Features.Runtime;
using BankFunctions.Storage;

namespace BankFunctions.Host.Runtime;

/// <summary>
/// Runs one queue-triggered function with the Azure Functions queue trigger's semantics: fetch up to batchSize
/// messages, run them concurrently, fetch more when in-flight drops to newBatchThreshold, poll with exponential
/// back-off up to maxPollingInterval when idle; on success delete; on failure make the message visible again after
/// visibilityTimeout, or after maxDequeueCount attempts move it to "&lt;queue&gt;-poison". On shutdown, unfinished
/// messages are made visible again at once. A message is leased for 30 s and renewed while its handler runs
/// (<see cref="MessageLease"/>), so the messages of a process that dies come back within 30 s. With <see cref="DrainUntilIdle"/> (a Container Apps job execution,
/// <c>--drain-queue</c>) the same loop returns once the queue has stayed empty for the idle window.
/// </summary>
public sealed partial class QueueProcessor : BackgroundService
{
    private static readonly TimeSpan MinPollingInterval = TimeSpan.FromMilliseconds(100);
    private readonly FunctionDefinition _function;
    private readonly string _queueName;
    private readonly QueueClient _queue;
    private readonly QueueClient _poison;
    private readonly HostJsonOptions _options;
    private readonly IServiceScopeFactory _scopes;
    private readonly QueueWakeup _wakeup;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _handlersStop = new();
    private readonly DrainUntilIdle? _drain;
    private readonly TimeSpan _leaseDuration;
    private readonly TimeProvider _clock;
    private int _inFlight;
    private long _received;

    public QueueProcessor(FunctionDefinition function, StorageClients storage, HostJsonOptions options, IServiceScopeFactory scopes,
        QueueWakeup wakeup, ILogger<QueueProcessor> logger, DrainUntilIdle? drain = null, TimeSpan? leaseDuration = null, TimeProvider? clock = null)
    {
        _clock = clock ?? TimeProvider.System;
        _leaseDuration = leaseDuration ?? MessageLease.Duration;
        _drain = drain;
        _function = function;
        _queueName = ((QueueTrigger)function.Trigger).QueueName;
        // Raw clients: the processor itself does the Base64 step, so that a message that is not Base64 can be poisoned.
        _queue = storage.RawQueues.GetQueueClient(_queueName);
        _poison = storage.RawQueues.GetQueueClient(QueueNames.Poison(_queueName));
        _options = options;
        _scopes = scopes;
        _wakeup = wakeup;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await _queue.CreateIfNotExistsAsync(cancellationToken: stoppingToken);
        await _poison.CreateIfNotExistsAsync(cancellationToken: stoppingToken);
        var delay = MinPollingInterval;
        var running = new List<Task>();
        long? idleSince = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            running.RemoveAll(t => t.IsCompleted);
            var room = _options.BatchSize - Volatile.Read(ref _inFlight);
            if (Volatile.Read(ref _inFlight) > _options.NewBatchThreshold || room <= 0)
            {
                await Task.WhenAny(Task.WhenAny(running), Task.Delay(MinPollingInterval, _clock, stoppingToken)).ConfigureAwait(false);
                continue;
            }
            QueueMessage[]? messages;
            var askedAt = _clock.GetUtcNow(); // the lease runs from here, however late a handler starts
            try
            {
                messages = (await _queue.ReceiveMessagesAsync(Math.Min(room, 32), _leaseDuration, stoppingToken)).Value;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (RequestFailedException e)
            {
                LogReceiveFailed(_logger, e, _queueName);
                // Unknown is not empty: a drain must not end because storage was briefly unreachable.
                idleSince = null;
                messages = null;
            }
            if (messages is not { Length: > 0 })
            {
                if (messages is not null && _drain is { } drain && IsDrained(drain, ref idleSince))
                {
                    LogDrained(_logger, _queueName, _received);
                    break;
                }
                await _wakeup.WaitAsync(_queueName, delay, _clock, stoppingToken).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.MaxPollingInterval.Ticks));
                continue;
            }
            delay = MinPollingInterval;
            idleSince = null;
            _received += messages.Length;
            foreach (var message in messages)
            {
                Interlocked.Increment(ref _inFlight);
                running.Add(Task.Run(() => ProcessAsync(message, askedAt), CancellationToken.None));
            }
        }

        // Graceful shutdown: in-flight handlers may finish until the host's shutdown timeout fires (StopAsync's token),
        // then they are cancelled and their messages made visible again.
        var all = Task.WhenAll(running);
        var stopped = new TaskCompletionSource();
        await using (_handlersStop.Token.Register(() => stopped.TrySetResult()))
        {
            if (await Task.WhenAny(all, stopped.Task) != all)
            {
                // Real time on purpose: this bounds how long the process takes to stop (the host's shutdown timeout is
                // wall-clock), which a test's fake clock must not be able to stretch.
                await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(5), CancellationToken.None));
            }
        }
    }

    /// <summary>
    /// True once receives have found nothing, with nothing in flight, for the whole idle window. In-flight work keeps the
    /// queue "busy": a failing handler may make its message visible again at once (visibilityTimeout 0).
    /// </summary>
    private bool IsDrained(DrainUntilIdle drain, ref long? idleSince)
    {
        if (Volatile.Read(ref _inFlight) > 0)
        {
            idleSince = null;
            return false;
        }
        idleSince ??= _clock.GetTimestamp();
        return _clock.GetElapsedTime(idleSince.Value) >= drain.IdleWindow;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await using var registration = cancellationToken.Register(() => _handlersStop.Cancel());
        await base.StopAsync(cancellationToken);
        // base.StopAsync returns when the token fires even if ExecuteAsync is still draining; wait for the release.
        if (ExecuteTask is { } execute)
        {
            // Wall-clock bound, like the handlers' grace above.
            await Task.WhenAny(execute, Task.Delay(TimeSpan.FromSeconds(6), CancellationToken.None));
        }
    }

    private async Task ProcessAsync(QueueMessage message, DateTimeOffset leasedAt)
    {
        await using var lease = new MessageLease(_queue, message.MessageId, message.PopReceipt, _leaseDuration, leasedAt, _clock);
        var receipt = message.PopReceipt;
        try
        {
            string body;
            try
            {
                body = _options.Base64Encoding ? Encoding.UTF8.GetString(Convert.FromBase64String(message.MessageText)) : message.MessageText;
            }
            catch (FormatException)
            {
                LogNotBase64(_logger, _queueName, message.MessageId);
                await MoveToPoisonAsync(message, await lease.StopAsync());
                return;
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_handlersStop.Token);
            timeout.CancelAfter(_options.FunctionTimeout);
            try
            {
                await using var scope = _scopes.CreateAsyncScope();
                var handler = (IQueueHandler)scope.ServiceProvider.GetRequiredService(_function.Handler);
                await handler.InvokeAsync(new QueueMessageContext(_queueName, message.MessageId, body, message.DequeueCount, message.InsertedOn), timeout.Token);
            }
            catch (Exception e)
            {
                receipt = await lease.StopAsync();
                if (_handlersStop.IsCancellationRequested)
                {
                    // Shutting down: give the message back at once so another instance takes it.
                    await ReleaseAsync(message, receipt, TimeSpan.Zero);
                    return;
                }
                LogFailed(_logger, e, _function.Name, message.MessageId, message.DequeueCount);
                if (message.DequeueCount >= _options.MaxDequeueCount)
                {
                    await MoveToPoisonAsync(message, receipt);
                }
                else
                {
                    await ReleaseAsync(message, receipt, RetryDelay(e));
                }
                return;
            }
            await _queue.DeleteMessageAsync(message.MessageId, await lease.StopAsync(), CancellationToken.None);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // The lease expired and another delivery took the message: that delivery decides its fate.
        }
        catch (Exception e)
        {
            LogInfrastructure(_logger, e, _queueName, message.MessageId);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    /// <summary>
    /// The visibility timeout, or longer when the bank said how long to wait (Retry-After, an open circuit): retrying
    /// sooner would only spend the message's attempts on a bank that is known to be unavailable. At most 10 minutes.
    /// </summary>
    private TimeSpan RetryDelay(Exception e) =>
        e is BankUnavailableException { RetryAfter: { } after } && after > _options.VisibilityTimeout
            ? TimeSpan.FromTicks(Math.Min(after.Ticks, MaxRetryDelay.Ticks))
            : _options.VisibilityTimeout;

    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMinutes(10);

    private async Task ReleaseAsync(QueueMessage message, string receipt, TimeSpan visibility) =>
        await _queue.UpdateMessageAsync(message.MessageId, receipt, visibilityTimeout: visibility, cancellationToken: CancellationToken.None);

    private async Task MoveToPoisonAsync(QueueMessage message, string receipt)
    {
        // Add first, then delete: a crash in between leaves a duplicate in poison, never a lost message.
        await _poison.SendMessageAsync(message.MessageText, CancellationToken.None);
        await _queue.DeleteMessageAsync(message.MessageId, receipt, CancellationToken.None);
        LogPoisoned(_logger, _queueName, message.MessageId, message.DequeueCount);
        BankFunctions.Features.Telemetry.Telemetry.PoisonedCount.Add(1, new KeyValuePair<string, object?>(BankFunctions.Features.Telemetry.Telemetry.QueueTag, _queueName));
    }

    public override void Dispose()
    {
        _handlersStop.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Function {Function} failed on message {MessageId} (attempt {DequeueCount})")]
    private static partial void LogFailed(ILogger logger, Exception exception, string function, string messageId, long dequeueCount);

    [LoggerMessage(Level = LogLevel.Error, Message = "Message {MessageId} moved to {Queue}-poison after {DequeueCount} attempts")]
    private static partial void LogPoisoned(ILogger logger, string queue, string messageId, long dequeueCount);

    [LoggerMessage(Level = LogLevel.Error, Message = "Message {MessageId} on {Queue} is not Base64; moved to poison")]
    private static partial void LogNotBase64(ILogger logger, string queue, string messageId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Queue {Queue} drained ({Received} messages received)")]
    private static partial void LogDrained(ILogger logger, string queue, long received);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Receiving from {Queue} failed")]
    private static partial void LogReceiveFailed(ILogger logger, Exception exception, string queue);

    [LoggerMessage(Level = LogLevel.Error, Message = "Queue infrastructure error on {Queue} message {MessageId}")]
    private static partial void LogInfrastructure(ILogger logger, Exception exception, string queue, string messageId);
}
