using System.Diagnostics;
using BankFunctions.Storage.Queues;

namespace BankFunctions.Features.Runtime;

/// <summary>
/// How both hosts (the local host's QueueProcessor and TimerRunner, the Functions worker's shims) run a handler: under
/// an Activity of <see cref="Source"/>. A queue handler's parent is the traceparent the enqueuing request or handler
/// left in the message (<see cref="MessageTraceContext"/>), so one payment's journey — request, sign, dispatch,
/// status polls — is one trace; a message without one (older messages, timer fan-out, outbox re-drives) starts a
/// fresh trace. A timer tick always starts a fresh trace, which its fan-out then carries.
/// </summary>
public static class TracedInvocation
{
    public const string SourceName = Telemetry.Telemetry.Name;
    public static ActivitySource Source => Telemetry.Telemetry.Source;

    public static async Task InvokeAsync(this IQueueHandler handler, QueueMessageContext message, CancellationToken cancellationToken)
    {
        var (body, parent) = MessageTraceContext.Detach(message.Body);
        // OpenTelemetry messaging convention: "process <queue>", a consumer span. Without a parent in the message the
        // host's own activity (the Functions invocation) or none (the local host: a new root) is the parent.
        using var activity = parent is { } context
            ? Source.StartActivity($"process {message.QueueName}", ActivityKind.Consumer, context)
            : Source.StartActivity($"process {message.QueueName}", ActivityKind.Consumer);
        activity?.SetTag("messaging.destination.name", message.QueueName);
        activity?.SetTag("messaging.message.id", message.MessageId);
        var started = Stopwatch.GetTimestamp();
        var outcome = "error";
        try
        {
            await handler.HandleAsync(message with { Body = body }, cancellationToken);
            outcome = "ok";
        }
        catch (Exception e)
        {
            activity?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            throw;
        }
        finally
        {
            Telemetry.Telemetry.MessageSeconds.Record(Stopwatch.GetElapsedTime(started).TotalSeconds,
                new(Telemetry.Telemetry.QueueTag, message.QueueName), new(Telemetry.Telemetry.OutcomeTag, outcome));
        }
    }

    public static async Task InvokeAsync(this ITimerHandler handler, TimerTick tick, CancellationToken cancellationToken)
    {
        using var activity = Source.StartActivity($"timer {tick.FunctionName}", ActivityKind.Internal);
        await handler.RunAsync(tick, cancellationToken);
    }
}
