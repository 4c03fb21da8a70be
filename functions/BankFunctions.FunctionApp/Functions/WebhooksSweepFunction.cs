namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry WebhooksSweep: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class WebhooksSweepFunction(WebhooksSweep handler)
{
    [Function("WebhooksSweep")]
    public Task Run([TimerTrigger("0 */1 * * * *")] TimerInfo timer, CancellationToken cancellationToken) =>
        handler.InvokeAsync(new TimerTick("WebhooksSweep", DateTimeOffset.UtcNow, timer.ScheduleStatus?.Last), cancellationToken);
}
