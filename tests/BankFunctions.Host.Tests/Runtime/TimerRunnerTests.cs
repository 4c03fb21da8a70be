using BankFunctions.Host.Runtime;
using BankFunctions.TestSupport;

namespace BankFunctions.Host.Tests.Runtime;

public sealed class TimerRunnerTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    /// <summary>An instant between two seconds, so each per-second occurrence is half a second after a clock step.</summary>
    private static readonly DateTimeOffset Start = new(2031, 6, 15, 10, 20, 30, 500, TimeSpan.Zero);

    [Fact]
    public async Task Two_instances_on_one_storage_account_run_each_tick_once()
    {
        var name = "timer-" + Guid.NewGuid().ToString("N")[..8];
        var clock = new WaitCountingClock(Start);
        using var a = RuntimeHarness.Timer(RuntimeHarness.Storage(azurite), name, "* * * * * *", clock);
        using var b = RuntimeHarness.Timer(RuntimeHarness.Storage(azurite), name, "* * * * * *", clock);
        await a.StartAsync(default);
        await b.StartAsync(default);
        // Each runner creates one timer per wait. Per tick the runner that runs it waits twice (its lease renewal, then
        // the next tick), the other once: three more timers mean both have dealt with the tick and wait again.
        await WaitForWaits(clock, 2);
        for (var tick = 1; tick <= 5; tick++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await WaitForWaits(clock, 2 + (3 * tick));
        }
        await a.StopAsync(default);
        await b.StopAsync(default);

        var expected = Enumerable.Range(1, 5).Select(s => (name, Start.AddMilliseconds(-500).AddSeconds(s))).ToArray();
        Assert.Equal(expected, Runs(name).Keys.Order().ToArray());
        Assert.All(Runs(name), r => Assert.Equal(1, r.Value));
    }

    [Fact]
    public async Task A_runner_that_wakes_late_runs_the_due_occurrence_once_and_does_not_catch_up_the_missed_ones()
    {
        var name = "timer-" + Guid.NewGuid().ToString("N")[..8];
        var clock = new WaitCountingClock(Start);
        using var runner = RuntimeHarness.Timer(RuntimeHarness.Storage(azurite), name, "* * * * * *", clock);
        await runner.StartAsync(default);
        await WaitForWaits(clock, 1);
        clock.Advance(TimeSpan.FromSeconds(5)); // five occurrences pass while the runner waits for the first
        await WaitForWaits(clock, 3); // a run waits twice: for its lease renewal, then for the next occurrence
        clock.Advance(TimeSpan.FromSeconds(1));
        await WaitForWaits(clock, 5);
        await runner.StopAsync(default);

        var second = Start.AddMilliseconds(-500);
        Assert.Equal([(name, second.AddSeconds(1)), (name, second.AddSeconds(6))], Runs(name).Keys.Order().ToArray());
    }

    [Fact]
    public async Task The_lease_of_a_running_occurrence_is_renewed_at_each_third_on_the_runners_clock()
    {
        var name = "timer-" + Guid.NewGuid().ToString("N")[..8];
        var renewals = StorageCallCounter.LeaseRenewals();
        var storage = new BankFunctions.Storage.StorageClients(new BankFunctions.Storage.StorageOptions { ConnectionString = azurite.ConnectionString }, null, renewals);
        var clock = new WaitCountingClock(Start);
        using var runner = RuntimeHarness.Timer(storage, name, "* * * * * *", clock, typeof(BlockingTimer));
        var started = BlockingTimer.Started.GetOrAdd(name, _ => new(TaskCreationOptions.RunContinuationsAsynchronously));
        var release = BlockingTimer.Release.GetOrAdd(name, _ => new(TaskCreationOptions.RunContinuationsAsynchronously));
        await runner.StartAsync(default);
        await WaitForWaits(clock, 1);
        clock.Advance(TimeSpan.FromSeconds(1)); // the occurrence is due: the runner takes the 60 s lease and runs the handler
        await started.Task.WaitAsync(TimeSpan.FromSeconds(20));
        await WaitForWaits(clock, 2); // the renewal waits for a third of the lease

        clock.Advance(TimeSpan.FromSeconds(20) - TimeSpan.FromMilliseconds(1));
        Assert.Equal(0, renewals.Count); // a fake-clock timer: nothing can renew before it is due
        clock.Advance(TimeSpan.FromMilliseconds(1));
        await WaitForWaits(clock, 3); // renewed, and waiting for the next third
        Assert.Equal(1, renewals.Count);
        clock.Advance(TimeSpan.FromSeconds(20));
        await WaitForWaits(clock, 4);
        Assert.Equal(2, renewals.Count);

        release.SetResult();
        await WaitForWaits(clock, 5); // the occurrence is done; the runner waits for the next one
        await runner.StopAsync(default);
        Assert.Equal(2, renewals.Count);
    }

    private static Dictionary<(string Function, DateTimeOffset At), int> Runs(string function) =>
        CountingTimer.RunsOf.Where(r => r.Key.Function == function).ToDictionary();

    private static Task WaitForWaits(WaitCountingClock clock, int timers) =>
        RuntimeHarness.WaitUntil(() => Task.FromResult(clock.TimersCreated >= timers), TimeSpan.FromSeconds(20));

    /// <summary>Every timer schedule of the catalog, read from the catalog (a new timer is checked without editing this test).</summary>
    public static TheoryData<string> CatalogSchedules() =>
        new(BankFunctions.Features.FunctionCatalog.All.Select(f => f.Trigger).OfType<BankFunctions.Features.Runtime.TimerTrigger>().Select(t => t.Schedule));

    [Theory]
    [MemberData(nameof(CatalogSchedules))]
    public void Catalog_schedules_are_six_field_ncrontab(string schedule) => Assert.NotNull(TimerRunner.Parse(schedule));

    [Fact]
    public void Five_field_cron_is_refused() => Assert.Throws<InvalidOperationException>(() => TimerRunner.Parse("*/5 * * * *"));
}
