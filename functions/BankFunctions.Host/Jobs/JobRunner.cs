using BankFunctions.Features;
using BankFunctions.Features.Runtime;
using BankFunctions.Host.Runtime;
using BankFunctions.Host.Setup;

namespace BankFunctions.Host.Jobs;

/// <summary>
/// One Azure Container Apps job execution (containerBackgroundWork = 'jobs' in infra/): a generic host without
/// Kestrel and without the in-app background work, running exactly one catalog function with the in-app code —
/// <see cref="QueueProcessor"/> until its queue is empty, or one <see cref="TimerRunner"/> occurrence.
/// Exit codes: 0 done (handler failures of queue messages are not errors: they are retried or poisoned as in-app),
/// 1 the host could not start or the timer failed, 2 the arguments are wrong.
/// </summary>
public sealed partial class JobRunner
{
    public const int Succeeded = 0;
    public const int Failed = 1;
    public const int UsageError = 2;

    /// <summary>The functions a job may run (tests use their own).</summary>
    public IReadOnlyList<FunctionDefinition> Catalog { get; init; } = FunctionCatalog.All;

    /// <summary>Where argument and startup errors go (before logging exists, so plain text).</summary>
    public TextWriter Errors { get; init; } = Console.Error;

    /// <summary>Configuration added after the host's own sources (tests: Azurite, keys).</summary>
    public Action<IConfigurationBuilder>? ConfigureSettings { get; init; }

    /// <summary>Service replacements applied after the host's registrations (tests: handlers, clock).</summary>
    public Action<IServiceCollection>? OverrideServices { get; init; }

    public Task<int> RunAsync(IReadOnlyList<string> args) => RunAsync(HostCommand.Parse(args));

    public async Task<int> RunAsync(HostCommand command)
    {
        switch (command)
        {
            case HostCommand.Invalid invalid:
                return Usage(invalid.Message);
            case HostCommand.DrainQueue drain:
                var queueFunction = Catalog.FirstOrDefault(f => f.Trigger is QueueTrigger q && q.QueueName == drain.QueueName);
                return queueFunction is null
                    ? Usage($"Unknown queue '{drain.QueueName}'. Queues with a consumer: {ValidQueues()}.")
                    : await RunHostAsync(drain, services => QueueDrain.Register(services, queueFunction), QueueDrain.RunAsync);
            case HostCommand.RunTimer timer:
                var timerFunction = Catalog.FirstOrDefault(f => f.Trigger is TimerTrigger && f.Name == timer.FunctionName);
                return timerFunction is null
                    ? Usage($"Unknown timer '{timer.FunctionName}'. Timer functions: {ValidTimers()}.")
                    : await RunHostAsync(timer, _ => { }, host => TimerOccurrence.RunAsync(host, timerFunction));
            default:
                throw new ArgumentException($"{command.GetType().Name} is not a job; Program.cs serves HTTP for it.", nameof(command));
        }
    }

    private string ValidQueues() =>
        string.Join(", ", Catalog.Select(f => f.Trigger).OfType<QueueTrigger>().Select(q => q.QueueName).Order(StringComparer.Ordinal));

    private string ValidTimers() =>
        string.Join(", ", Catalog.Where(f => f.Trigger is TimerTrigger).Select(f => f.Name).Order(StringComparer.Ordinal));

    private int Usage(string message)
    {
        Errors.WriteLine(message);
        Errors.WriteLine(HostCommand.Usage);
        return UsageError;
    }

    private async Task<int> RunHostAsync(HostCommand command, Action<IServiceCollection> addWork, Func<IHost, Task<int>> run)
    {
        IHost host;
        try
        {
            var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(
                new HostApplicationBuilderSettings { Args = [.. command.ConfigurationArgs], ContentRootPath = Setup.HostSetup.ContentRoot });
            if (ConfigureSettings is not null)
            {
                ConfigureSettings(builder.Configuration);
            }
            builder.AddBankFunctionsCore();
            addWork(builder.Services);
            OverrideServices?.Invoke(builder.Services);
            host = builder.Build();
        }
        catch (Exception e)
        {
            // Missing or invalid configuration (operator key, storage, host.json): the deployment is wrong, not the work.
            Errors.WriteLine($"The job host could not start: {e.Message}");
            return Failed;
        }
        using (host)
        {
            var logger = host.Services.GetRequiredService<ILogger<JobRunner>>();
            try
            {
                await host.StartAsync();
            }
            catch (Exception e)
            {
                LogStartFailed(logger, e);
                return Failed;
            }
            try
            {
                return await run(host);
            }
            finally
            {
                // Same shutdown as in-app: in-flight handlers get the host's shutdown timeout, then their messages go back.
                await host.StopAsync(CancellationToken.None);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "The job host could not start")]
    private static partial void LogStartFailed(ILogger logger, Exception exception);
}
