using BankFunctions.Features.Runtime;
using BankFunctions.Host.Runtime;

namespace BankFunctions.Host.Jobs;

/// <summary>
/// <c>--run-timer</c>: one occurrence of a catalog timer through the in-app <see cref="TimerRunner"/>, so a scheduled
/// job and an in-app runner (e.g. while switching containerBackgroundWork) share the blob lease and never both run an
/// occurrence. The occurrence is the latest one of the schedule at or before now: the one whose cron started the job.
/// A start within an occurrence that has already run (a manual start, a retried execution) does nothing.
/// </summary>
internal static partial class TimerOccurrence
{
    public static async Task<int> RunAsync(IHost host, FunctionDefinition function)
    {
        using var runner = ActivatorUtilities.CreateInstance<TimerRunner>(host.Services, function);
        var logger = host.Services.GetRequiredService<ILogger<TimerRunner>>();
        var stopping = host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        var occurrence = runner.LatestOccurrence(host.Services.GetRequiredService<TimeProvider>().GetUtcNow());
        try
        {
            if (await runner.RunOccurrenceAsync(occurrence, stopping))
            {
                LogRan(logger, function.Name, occurrence);
            }
            else
            {
                LogAlreadyRun(logger, function.Name, occurrence);
            }
            return JobRunner.Succeeded;
        }
        catch (Exception e)
        {
            // A failed run fails the execution, so it shows as Failed in the job's history (it is not retried: the
            // occurrence is recorded as run, exactly as in-app, and the next occurrence runs as usual).
            LogFailed(logger, e, function.Name, occurrence);
            return JobRunner.Failed;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Timer {Function} ran occurrence {Occurrence}")]
    private static partial void LogRan(ILogger logger, string function, DateTimeOffset occurrence);

    [LoggerMessage(Level = LogLevel.Information, Message = "Timer {Function} occurrence {Occurrence} was already run by another instance; nothing to do")]
    private static partial void LogAlreadyRun(ILogger logger, string function, DateTimeOffset occurrence);

    [LoggerMessage(Level = LogLevel.Error, Message = "Timer {Function} failed for occurrence {Occurrence}")]
    private static partial void LogFailed(ILogger logger, Exception exception, string function, DateTimeOffset occurrence);
}
