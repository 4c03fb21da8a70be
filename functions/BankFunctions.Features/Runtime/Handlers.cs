using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Runtime;

/// <summary>Handles one HTTP request. Both hosts (Kestrel host, Functions shim) call this.</summary>
public interface IHttpHandler
{
    Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken);
}

/// <summary>A queue message as a handler sees it (already Base64-decoded).</summary>
public sealed record QueueMessageContext(string QueueName, string MessageId, string Body, long DequeueCount, DateTimeOffset? InsertedOn);

/// <summary>
/// Handles one queue message. Must be idempotent: a message can arrive twice. Throwing makes the message
/// visible again after the visibility timeout; after maxDequeueCount attempts it moves to "&lt;queue&gt;-poison".
/// </summary>
public interface IQueueHandler
{
    Task HandleAsync(QueueMessageContext message, CancellationToken cancellationToken);
}

/// <summary>One timer tick. Timers only fan work out onto queues.</summary>
public sealed record TimerTick(string FunctionName, DateTimeOffset ScheduledAt, DateTimeOffset? PreviousRun);

public interface ITimerHandler
{
    Task RunAsync(TimerTick tick, CancellationToken cancellationToken);
}
