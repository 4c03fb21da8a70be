using BankFunctions.Features.Runtime;
using BankFunctions.Storage;
using BankFunctions.Storage.Queues;
using BankFunctions.Storage.Rows;
using Microsoft.Extensions.Logging;
using NCrontab;

namespace BankFunctions.Features.Statements;

/// <summary>
/// Timer statements-schedule: one statements-pull message per account that is due. Every account is pulled every
/// 15 minutes by default (<see cref="DefaultAccountSchedule"/>); an account's own NCRONTAB schedule
/// (<c>pullSchedule</c>) overrides that, evaluated at this timer's ticks (every 5 minutes), so finer schedules pull at
/// most once per tick. An account is due when its schedule has an occurrence since the previous tick.
/// </summary>
public sealed partial class ScheduleStatementPulls(StorageClients storage, IQueueSender queue, ILogger<ScheduleStatementPulls> logger) : ITimerHandler
{
    public const string Schedule = "0 */5 * * * *";
    public const string DefaultAccountSchedule = "0 */15 * * * *";

    private static readonly CrontabSchedule.ParseOptions WithSeconds = new() { IncludingSeconds = true };
    private static readonly CrontabSchedule Default = CrontabSchedule.Parse(DefaultAccountSchedule, WithSeconds);

    public async Task RunAsync(TimerTick tick, CancellationToken cancellationToken)
    {
        // Without a record of the previous run (first run, or a job run by hand) look back one tick.
        var since = (tick.PreviousRun ?? tick.ScheduledAt.AddMinutes(-5)).UtcDateTime;
        var until = tick.ScheduledAt.UtcDateTime;
        var queued = 0;
        await foreach (var tenant in storage.Table(TableNames.Tenants).QueryAsync<TenantRegistryRow>(
            $"PartitionKey eq '{TenantRegistryRow.Partition}'", select: ["RowKey"], cancellationToken: cancellationToken))
        {
            await foreach (var account in storage.Table(TableNames.TenantData).QueryAsync<AccountRow>(
                TableKeys.PrefixFilter(TableKeys.TenantPartition(tenant.RowKey), TableKeys.AccountPrefix),
                select: ["AccountId", "PullSchedule"], cancellationToken: cancellationToken))
            {
                if (!IsDue(account.PullSchedule, since, until))
                {
                    continue;
                }
                await queue.SendAsync(QueueNames.StatementsPull, new PullMessage(tenant.RowKey, account.AccountId, "schedule").ToJson(), cancellationToken: cancellationToken);
                queued++;
            }
        }
        LogQueued(logger, queued);
    }

    /// <summary>True when the schedule (or the default) fires in (since, until].</summary>
    public static bool IsDue(string? schedule, DateTime since, DateTime until)
    {
        var cron = schedule is { Length: > 0 } && CrontabSchedule.TryParse(schedule, WithSeconds) is { } own ? own : Default;
        return cron.GetNextOccurrence(since) <= until;
    }

    /// <summary>The gap between the schedule's (or the default's) next two occurrences after <paramref name="at"/>: how often the account is pulled.</summary>
    public static TimeSpan Interval(string? schedule, DateTime at)
    {
        var cron = schedule is { Length: > 0 } && CrontabSchedule.TryParse(schedule, WithSeconds) is { } own ? own : Default;
        var next = cron.GetNextOccurrence(at);
        return cron.GetNextOccurrence(next) - next;
    }

    public static bool IsValidSchedule(string schedule) => CrontabSchedule.TryParse(schedule, WithSeconds) is not null;

    [LoggerMessage(Level = LogLevel.Information, Message = "statements-schedule queued {Count} account pulls")]
    private static partial void LogQueued(ILogger logger, int count);
}
