using System.Diagnostics;

namespace BankFunctions.Features.Hosting;

/// <summary>
/// W3C trace context: ASP.NET Core only starts a request Activity (continuing an incoming traceparent) when someone
/// listens. This listener makes sure one always exists, so logs and problem details carry the caller's trace id
/// even without an exporter configured.
/// </summary>
public static class TraceContext
{
    private static ActivityListener? _listener;

    public static void Enable()
    {
        if (_listener is not null)
        {
            return;
        }
        Activity.DefaultIdFormat = ActivityIdFormat.W3C;
        Activity.ForceDefaultIdFormat = true;
        _listener = new ActivityListener
        {
            // ASP.NET Core's request activity (the host); the Functions worker's invocation activity, which continues
            // the traceparent the Functions host passes in each InvocationRequest (the worker); the queue and timer
            // invocations both hosts run, which continue the traceparent carried in the message (TracedInvocation).
            ShouldListenTo = source => source.Name is "Microsoft.AspNetCore" or "Microsoft.Azure.Functions.Worker" or Runtime.TracedInvocation.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.PropagationData,
        };
        ActivitySource.AddActivityListener(_listener);
    }
}
