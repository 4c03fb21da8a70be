using BankFunctions.Features.SignIn;

namespace BankFunctions.FunctionApp.Functions;

/// <summary>Shim for the catalog entry SessionsSweep: the trigger as Azure Functions binds it, then the shared core.</summary>
public sealed class SessionsSweepFunction(SessionsSweep handler)
{
    [Function("SessionsSweep")]
    public Task Run([TimerTrigger("0 20 * * * *")] TimerInfo timer, CancellationToken cancellationToken) =>
        handler.InvokeAsync(new TimerTick("SessionsSweep", DateTimeOffset.UtcNow, timer.ScheduleStatus?.Last), cancellationToken);
}
