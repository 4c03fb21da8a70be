using BankFunctions.Features.Runtime;
using BankFunctions.Host.Runtime;

namespace BankFunctions.Host.Jobs;

/// <summary>
/// <c>--drain-queue</c>: the in-app <see cref="QueueProcessor"/> for one catalog queue function, as the job host's only
/// hosted work, told to return once the queue has been empty for one maxPollingInterval (host.json). Everything else —
/// Base64, batching, visibility timeout on failure, poison after maxDequeueCount — is the processor's own.
/// </summary>
internal static partial class QueueDrain
{
    public static void Register(IServiceCollection services, FunctionDefinition function)
    {
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<QueueProcessor>(sp, function,
            new DrainUntilIdle(sp.GetRequiredService<HostJsonOptions>().MaxPollingInterval)));
        // A hosted service, so the host's shutdown (SIGTERM at the job's replica timeout) releases unfinished messages.
        services.AddHostedService(sp => sp.GetRequiredService<QueueProcessor>());
    }

    public static async Task<int> RunAsync(IHost host)
    {
        var processor = host.Services.GetRequiredService<QueueProcessor>();
        var stopping = host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        var draining = processor.ExecuteTask ?? Task.CompletedTask;
        // Ends when the queue is empty, or when the host is told to stop (then its shutdown gives the messages back).
        await Task.WhenAny(draining, Task.Delay(Timeout.Infinite, stopping));
        if (draining.Exception is { } failure)
        {
            // The processor could not even reach its queue (storage settings or roles): a deployment problem.
            var logger = host.Services.GetRequiredService<ILogger<QueueProcessor>>();
            LogFailed(logger, failure);
            return JobRunner.Failed;
        }
        return JobRunner.Succeeded;
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "The queue could not be drained")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
