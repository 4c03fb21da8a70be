using System.Diagnostics;
using BankFunctions.Features.Hosting;
using BankFunctions.Features.Runtime;

namespace BankFunctions.Host.Tests.Runtime;

/// <summary>
/// The one reader of a message's trace context, shared by QueueProcessor and the Functions shims: the handler runs
/// under an Activity parented to the message's traceparent and parses a body without the trace properties.
/// </summary>
public sealed class TracedInvocationTests
{
    private const string TraceId = "0af7651916cd43dd8448eb211c80319c";
    private const string ParentSpan = "b7ad6b7169203331";

    public TracedInvocationTests() => TraceContext.Enable();

    private sealed class Recorder : IQueueHandler, ITimerHandler
    {
        public string? Body { get; private set; }
        public ActivityTraceId? Trace { get; private set; }
        public ActivitySpanId? Parent { get; private set; }

        public Task HandleAsync(QueueMessageContext message, CancellationToken cancellationToken)
        {
            Body = message.Body;
            Trace = Activity.Current?.TraceId;
            Parent = Activity.Current?.ParentSpanId;
            return Task.CompletedTask;
        }

        public Task RunAsync(TimerTick tick, CancellationToken cancellationToken)
        {
            Trace = Activity.Current?.TraceId;
            Parent = Activity.Current?.ParentSpanId;
            return Task.CompletedTask;
        }
    }

    private static QueueMessageContext Message(string body) => new("payments-sign", "m1", body, 1, null);

    [Fact]
    public async Task The_handler_runs_in_the_messages_trace_and_sees_the_body_without_it()
    {
        var handler = new Recorder();

        await handler.InvokeAsync(Message($$"""{"traceparent":"00-{{TraceId}}-{{ParentSpan}}-01","tenantId":"t1","paymentId":"p1"}"""), default);

        Assert.Equal("""{"tenantId":"t1","paymentId":"p1"}""", handler.Body);
        Assert.Equal(TraceId, handler.Trace?.ToString());
        Assert.Equal(ParentSpan, handler.Parent?.ToString());
        Assert.Null(Activity.Current);
    }

    [Theory]
    [InlineData("""{"tenantId":"t1","paymentId":"p1"}""", """{"tenantId":"t1","paymentId":"p1"}""")]
    [InlineData("""{"traceparent":"00-zz-yy-01","tenantId":"t1","paymentId":"p1"}""", """{"tenantId":"t1","paymentId":"p1"}""")]
    public async Task A_message_without_a_valid_traceparent_starts_a_fresh_trace(string body, string handed)
    {
        var first = new Recorder();
        var second = new Recorder();

        await first.InvokeAsync(Message(body), default);
        await second.InvokeAsync(Message(body), default);

        Assert.Equal(handed, first.Body);
        Assert.NotNull(first.Trace);
        Assert.NotEqual(default(ActivityTraceId), first.Trace.Value);
        Assert.NotEqual(first.Trace, second.Trace);
        Assert.Equal(default(ActivitySpanId), first.Parent);
    }

    [Fact]
    public async Task A_timer_tick_starts_a_fresh_trace()
    {
        var handler = new Recorder();

        await handler.InvokeAsync(new TimerTick("OutboxSweep", DateTimeOffset.UtcNow, null), default);

        Assert.NotNull(handler.Trace);
        Assert.Equal(default(ActivitySpanId), handler.Parent);
    }
}
