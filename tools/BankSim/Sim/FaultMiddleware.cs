namespace BankSim.Sim;

/// <summary>
/// Applies the transport-level faults to bank routes: error500 and error429 answer before anything is processed;
/// slow delays; reset drops the connection before answering; timeoutAfterCommit lets the bank process the call
/// (it commits) and then never answers. CMB routes are matched on their FUNCODE by the CMB endpoint itself.
/// </summary>
public sealed class FaultMiddleware(RequestDelegate next, Faults faults, SimOptions options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        if (!path.StartsWith("/iso/", StringComparison.Ordinal))
        {
            await next(context);
            return;
        }
        var kind = faults.Draw("simbank-iso", path, "error500", "error429", "slow", "reset", "timeoutAfterCommit");
        await Apply(context, kind, options, () => next(context));
    }

    public static async Task Apply(HttpContext context, string? kind, SimOptions options, Func<Task> process)
    {
        switch (kind)
        {
            case "error500":
                context.Response.StatusCode = 500;
                await context.Response.WriteAsync("simulated internal error");
                return;
            case "error429":
                context.Response.StatusCode = 429;
                context.Response.Headers.RetryAfter = "1";
                await context.Response.WriteAsync("simulated throttling");
                return;
            case "reset":
                context.Abort();
                return;
            case "slow":
                await Task.Delay(options.SlowDelay, context.RequestAborted);
                await process();
                return;
            case "timeoutAfterCommit":
                var original = context.Response.Body;
                context.Response.Body = new MemoryStream();
                await process();
                try
                {
                    await Task.Delay(options.HangFor, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                }
                context.Response.Body = original;
                context.Abort();
                return;
            default:
                await process();
                return;
        }
    }
}
