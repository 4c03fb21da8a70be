namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry OutboxSweep: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class OutboxSweepFunction(OutboxSweep handler)
{
    [Function("OutboxSweep")]
    public Task Run([TimerTrigger("0 */1 * * * *")] TimerInfo timer, CancellationToken cancellationToken) =>
        handler.InvokeAsync(new TimerTick("OutboxSweep", DateTimeOffset.UtcNow, timer.ScheduleStatus?.Last), cancellationToken);
}
