using BankFunctions.Host.Runtime;
using BankFunctions.TestSupport;

namespace BankFunctions.Host.Tests.Runtime;

public sealed class TimerRunnerTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Two_instances_on_one_storage_account_run_each_tick_once()
    {
        var name = "timer-" + Guid.NewGuid().ToString("N")[..8];
        using var a = RuntimeHarness.Timer(RuntimeHarness.Storage(azurite), name, "* * * * * *");
        using var b = RuntimeHarness.Timer(RuntimeHarness.Storage(azurite), name, "* * * * * *");
        var started = DateTimeOffset.UtcNow;
        await a.StartAsync(default);
        await b.StartAsync(default);
        await Task.Delay(TimeSpan.FromSeconds(6));
        await a.StopAsync(default);
        await b.StopAsync(default);
        var mine = CountingTimer.Runs.Where(r => r.Key > started).ToList();
        Assert.True(mine.Count >= 4, $"expected a run per second, got {mine.Count}");
        Assert.All(mine, r => Assert.Equal(1, r.Value));
    }

    /// <summary>Every timer schedule of the catalog, read from the catalog (a new timer is checked without editing this test).</summary>
    public static TheoryData<string> CatalogSchedules() =>
        new(BankFunctions.Features.FunctionCatalog.All.Select(f => f.Trigger).OfType<BankFunctions.Features.Runtime.TimerTrigger>().Select(t => t.Schedule));

    [Theory]
    [MemberData(nameof(CatalogSchedules))]
    public void Catalog_schedules_are_six_field_ncrontab(string schedule) => Assert.NotNull(TimerRunner.Parse(schedule));

    [Fact]
    public void Five_field_cron_is_refused() => Assert.Throws<InvalidOperationException>(() => TimerRunner.Parse("*/5 * * * *"));
}
