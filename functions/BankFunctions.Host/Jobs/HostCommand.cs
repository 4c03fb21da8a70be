using BankFunctions.Host.Runtime;

namespace BankFunctions.Host.Jobs;

/// <summary>
/// What the command line asks the host to do. One image runs three ways (docs/DEPLOY.md): the HTTP host with the
/// background work in-app (no mode argument), the HTTP host alone (<c>--http-only</c>, when Container Apps jobs do the
/// background work), or one job execution (<c>--drain-queue &lt;queue&gt;</c>, <c>--run-timer &lt;function&gt;</c>).
/// Every other argument is left to .NET configuration, as before (e.g. <c>--Storage:ConnectionString=…</c>).
/// </summary>
public abstract record HostCommand(IReadOnlyList<string> ConfigurationArgs)
{
    public const string HttpOnlyFlag = "--http-only";
    public const string DrainQueueFlag = "--drain-queue";
    public const string RunTimerFlag = "--run-timer";

    public const string Usage = $"usage: BankFunctions.Host [{HttpOnlyFlag} | {DrainQueueFlag} <queue> | {RunTimerFlag} <timer function>] [configuration arguments]";

    /// <summary>The HTTP host; with <see cref="HttpOnly"/> no queue processors or timers run in it.</summary>
    public sealed record Serve(bool HttpOnly, IReadOnlyList<string> ConfigurationArgs) : HostCommand(ConfigurationArgs)
    {
        /// <summary>Applies <c>--http-only</c> as Runtime:Disabled, added last so no other source turns the work back on.</summary>
        public void Configure(IConfigurationBuilder configuration)
        {
            if (HttpOnly)
            {
                configuration.AddInMemoryCollection([new(RuntimeOptions.DisabledKey, "true")]);
            }
        }
    }

    /// <summary>One job execution: process the queue until it is empty, then exit.</summary>
    public sealed record DrainQueue(string QueueName, IReadOnlyList<string> ConfigurationArgs) : HostCommand(ConfigurationArgs);

    /// <summary>One job execution: run the timer function's current occurrence, then exit.</summary>
    public sealed record RunTimer(string FunctionName, IReadOnlyList<string> ConfigurationArgs) : HostCommand(ConfigurationArgs);

    /// <summary>The arguments make no sense; <see cref="Message"/> says why.</summary>
    public sealed record Invalid(string Message) : HostCommand([]);

    public static HostCommand Parse(IReadOnlyList<string> args)
    {
        string? mode = null;
        string? name = null;
        var rest = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is not (HttpOnlyFlag or DrainQueueFlag or RunTimerFlag))
            {
                rest.Add(arg);
                continue;
            }
            if (mode is not null)
            {
                return new Invalid($"{mode} and {arg} cannot be combined.");
            }
            mode = arg;
            if (arg == HttpOnlyFlag)
            {
                continue;
            }
            if (i + 1 >= args.Count || args[i + 1].StartsWith('-') || string.IsNullOrWhiteSpace(args[i + 1]))
            {
                return new Invalid($"{arg} needs a name: {arg} <{(arg == DrainQueueFlag ? "queue" : "timer function")}>.");
            }
            name = args[++i];
        }
        return mode switch
        {
            DrainQueueFlag => new DrainQueue(name!, rest),
            RunTimerFlag => new RunTimer(name!, rest),
            _ => new Serve(mode == HttpOnlyFlag, rest),
        };
    }
}
