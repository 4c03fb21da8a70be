namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry EventsSweep: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class EventsSweepFunction(EventsSweep handler)
{
    [Function("EventsSweep")]
    public Task Run([TimerTrigger("0 */1 * * * *")] TimerInfo timer, CancellationToken cancellationToken) =>
        handler.InvokeAsync(new TimerTick("EventsSweep", DateTimeOffset.UtcNow, timer.ScheduleStatus?.Last), cancellationToken);
}
