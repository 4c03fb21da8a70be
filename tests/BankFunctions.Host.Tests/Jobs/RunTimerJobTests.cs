using System.Globalization;
using BankFunctions.Features;
using BankFunctions.Features.Runtime;
using BankFunctions.Host.Jobs;
using BankFunctions.Host.Runtime;
using BankFunctions.Host.Tests.Runtime;
using BankFunctions.Storage;
using BankFunctions.Storage.Rows;
using BankFunctions.TestSupport;

namespace BankFunctions.Host.Tests.Jobs;

/// <summary>--run-timer in-process: one occurrence of a catalog timer under the TimerRunner's blob lease.</summary>
public sealed class RunTimerJobTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task OutboxSweep_runs_once_and_records_the_occurrence_its_schedule_started_it_for()
    {
        var storage = RuntimeHarness.Storage(azurite);
        await storage.EnsureCreatedAsync(default);
        var tenant = "t" + Guid.NewGuid().ToString("N")[..12];
        var marker = "lost-" + Guid.NewGuid();
        await storage.Table(TableNames.Tenants).AddEntityAsync(new TenantRegistryRow { PartitionKey = TenantRegistryRow.Partition, RowKey = tenant });
        await storage.Table(TableNames.TenantData).AddEntityAsync(new OutboxRow
        {
            PartitionKey = TableKeys.TenantPartition(tenant),
            RowKey = TableKeys.OutboxRow(marker),
            Queue = QueueNames.PaymentsSign,
            Message = marker,
            DueAt = DateTimeOffset.UtcNow.AddMinutes(-5),
        });
        var started = DateTimeOffset.UtcNow;

        var exit = await JobHarness.Runner(azurite).RunAsync([HostCommand.RunTimerFlag, "OutboxSweep"]);

        Assert.Equal(JobRunner.Succeeded, exit);
        var sign = (await storage.Queues.GetQueueClient(QueueNames.PaymentsSign).PeekMessagesAsync(32)).Value;
        Assert.Single(sign, m => m.Body.ToString() == marker);
        var recorded = long.Parse((await storage.Blobs.GetBlobContainerClient(BlobContainers.Locks).GetBlobClient("OutboxSweep").GetPropertiesAsync()).Value.Metadata["lastoccurrence"], CultureInfo.InvariantCulture);
        var occurrence = DateTimeOffset.FromUnixTimeMilliseconds(recorded);
        // Every minute on second 0: the occurrence at or before the start, at most a minute back.
        Assert.Equal(0, occurrence.Second);
        Assert.InRange(occurrence, started.AddMinutes(-1), DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task A_second_start_within_the_same_occurrence_does_not_run_it_again()
    {
        // Yearly on 1 January: the latest occurrence cannot change between the two executions.
        var function = new FunctionDefinition("Tick-" + Guid.NewGuid().ToString("N")[..8], new TimerTrigger("0 0 0 1 1 *"), typeof(CountingTimer));
        var occurrence = new DateTimeOffset(DateTimeOffset.UtcNow.Year, 1, 1, 0, 0, 0, TimeSpan.Zero);

        var first = await JobHarness.Runner(azurite, [function]).RunAsync([HostCommand.RunTimerFlag, function.Name]);
        var second = await JobHarness.Runner(azurite, [function]).RunAsync([HostCommand.RunTimerFlag, function.Name]);

        Assert.Equal(JobRunner.Succeeded, first);
        Assert.Equal(JobRunner.Succeeded, second);
        Assert.Equal(1, CountingTimer.Runs[occurrence]);
    }

    [Fact]
    public async Task A_failing_timer_fails_the_execution_with_exit_1()
    {
        var function = new FunctionDefinition("Fail-" + Guid.NewGuid().ToString("N")[..8], new TimerTrigger("0 */5 * * * *"), typeof(FailingTimer));

        Assert.Equal(JobRunner.Failed, await JobHarness.Runner(azurite, [function]).RunAsync([HostCommand.RunTimerFlag, function.Name]));
    }

    [Fact]
    public async Task An_unknown_timer_exits_2_and_lists_the_timer_functions()
    {
        var errors = new StringWriter();

        var exit = await JobHarness.Runner(azurite, errors: errors).RunAsync([HostCommand.RunTimerFlag, "outbox-sweep"]);

        Assert.Equal(JobRunner.UsageError, exit);
        var message = errors.ToString();
        Assert.Contains("Unknown timer 'outbox-sweep'. Timer functions: ", message, StringComparison.Ordinal);
        Assert.All(FunctionCatalog.All.Where(f => f.Trigger is TimerTrigger), timer => Assert.Contains(timer.Name, message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("0 */1 * * * *", "2025-03-04T10:17:42Z", "2025-03-04T10:17:00Z")]
    [InlineData("0 */15 * * * *", "2025-03-04T10:17:42Z", "2025-03-04T10:15:00Z")]
    [InlineData("0 */15 * * * *", "2025-03-04T10:15:00Z", "2025-03-04T10:15:00Z")]
    [InlineData("0 30 2 * * *", "2025-03-04T01:00:00Z", "2025-03-03T02:30:00Z")]
    [InlineData("0 0 0 1 * *", "2025-03-04T10:17:42Z", "2025-03-01T00:00:00Z")]
    public void The_latest_occurrence_is_the_last_one_at_or_before_now(string schedule, string now, string expected)
    {
        using var runner = RuntimeHarness.Timer(RuntimeHarness.Storage(azurite), "latest", schedule);

        Assert.Equal(DateTimeOffset.Parse(expected, CultureInfo.InvariantCulture), runner.LatestOccurrence(DateTimeOffset.Parse(now, CultureInfo.InvariantCulture)));
    }
}
