namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry AuditChain: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class AuditChainFunction(AuditChainer handler)
{
    [Function("AuditChain")]
    public Task Run([TimerTrigger("0 */5 * * * *")] TimerInfo timer, CancellationToken cancellationToken) =>
        handler.InvokeAsync(new TimerTick("AuditChain", DateTimeOffset.UtcNow, timer.ScheduleStatus?.Last), cancellationToken);
}
