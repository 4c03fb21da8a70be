namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry StatementsSchedule: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class StatementsScheduleFunction(ScheduleStatementPulls handler)
{
    [Function("StatementsSchedule")]
    public Task Run([TimerTrigger("0 */5 * * * *")] TimerInfo timer, CancellationToken cancellationToken) =>
        handler.InvokeAsync(new TimerTick("StatementsSchedule", DateTimeOffset.UtcNow, timer.ScheduleStatus?.Last), cancellationToken);
}
