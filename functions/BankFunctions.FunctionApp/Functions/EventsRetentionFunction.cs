namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry EventsRetention: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class EventsRetentionFunction(EventsRetention handler)
{
    [Function("EventsRetention")]
    public Task Run([TimerTrigger("0 15 3 * * *")] TimerInfo timer, CancellationToken cancellationToken) =>
        handler.InvokeAsync(new TimerTick("EventsRetention", DateTimeOffset.UtcNow, timer.ScheduleStatus?.Last), cancellationToken);
}
