using System.Diagnostics;
using System.Globalization;
using BankFunctions.Bench.Common;
using BankFunctions.TestSupport;

namespace BankFunctions.Bench.Chaos;

/// <summary>
/// Issue #5: payments through the real host under bank faults, with the host SIGKILLed twice while they are in flight.
/// Measures the drain time (until every payment is terminal) and checks exactly-once against BankSim's ledger.
/// </summary>
public sealed class ChaosBenchmark(int payments, double faultRate, double perSecond)
{
    private const string OperatorKey = "bench-operator-key-0123456789abcdef";
    /// <summary>From the last accepted submission; the outbox sweep (1 min) and the 5½ min queue lease fit well inside.</summary>
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromMinutes(10);
    private static readonly double[] KillAt = [0.3, 0.6];

    public async Task<int> RunAsync()
    {
        var work = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "bf-bench-chaos-" + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture)));
        using var azurite = new AzuriteFixture();
        await using var bankSim = await BankSimServer.StartAsync();
        using var host = new HostProcess(Environment(azurite, bankSim.Uri, work.FullName), work.FullName);
        using var bank = new HttpClient { BaseAddress = bankSim.Uri };

        Console.WriteLine($"Chaos benchmark: {payments} payments (half per bank) at {perSecond}/s, fault rate {faultRate:P0} on both banks' send and status routes, " +
            $"host SIGKILLed at {string.Join(" and ", KillAt.Select(k => k.ToString("P0", CultureInfo.InvariantCulture)))} accepted. Logs: {work.FullName}");
        var firstStart = await host.StartAsync();
        Console.WriteLine($"host started in {firstStart.TotalSeconds:F1} s (pid child, Release, runtime on)");
        var tenant = await BenchTenant.OnboardAsync(host.Uri, bankSim.Uri, OperatorKey);
        await FaultPlan.ApplyAsync(bank, faultRate);

        var plan = Submissions.Plan(tenant, payments);
        var submitter = new Submitter(tenant.Submitter);
        var clock = Stopwatch.StartNew();
        var submitting = submitter.RunAsync(plan, perSecond);
        var kills = await CrashWhileSubmittingAsync(host, submitter, submitting, clock);
        var (singles, batches) = await submitting;
        var submitted = clock.Elapsed;
        Console.WriteLine($"all {payments} payments accepted after {submitted.TotalSeconds:F1} s ({submitter.Retries} submit attempts repeated)");

        var (drained, final) = await DrainAsync(tenant.Viewer, clock, submitted);
        var fired = await FaultPlan.FiredAsync(bank);
        await FaultPlan.ClearAsync(bank);
        var audit = await LedgerAudit.RunAsync(bank, final, payments, singles.ToHashSet(), batches.ToHashSet());

        Summary.Print(payments, faultRate, kills, submitted, drained, clock.Elapsed, final, audit, fired);
        StallReport.Print(final, host.Logs);
        var ok = drained is not null && audit.Holds;
        var failures = new List<string>();
        if (drained is null)
        {
            failures.Add($"did not drain within {DrainTimeout.TotalMinutes} min");
        }
        if (!audit.Holds)
        {
            failures.Add("an exactly-once invariant is violated");
        }
        Console.WriteLine(ok ? "RESULT: PASS" : $"RESULT: FAIL ({string.Join("; ", failures)})");
        return ok ? 0 : 1;
    }

    private static Dictionary<string, string> Environment(AzuriteFixture azurite, Uri bankSim, string work) =>
        HostProcess.BaseEnvironment(azurite, OperatorKey, bankSim, work);

    /// <summary>Kills and restarts the host when the accepted count passes each mark; returns what happened when.</summary>
    private async Task<List<Kill>> CrashWhileSubmittingAsync(HostProcess host, Submitter submitter, Task submitting, Stopwatch clock)
    {
        var kills = new List<Kill>();
        foreach (var mark in KillAt)
        {
            var target = (int)(mark * payments);
            while (submitter.Accepted < target && !submitting.IsCompleted)
            {
                await Task.Delay(50);
            }
            var at = clock.Elapsed;
            var accepted = submitter.Accepted;
            host.Kill();
            var down = await host.StartAsync();
            kills.Add(new Kill(at, accepted, down));
            Console.WriteLine($"  SIGKILL at {at.TotalSeconds:F1} s with {accepted} accepted; healthy again after {down.TotalSeconds:F1} s");
        }
        return kills;
    }

    /// <summary>Polls the gateway's payment list until every payment is terminal; null when the timeout passes first.</summary>
    private async Task<(TimeSpan? Drained, List<PaymentState> Final)> DrainAsync(HttpClient viewer, Stopwatch clock, TimeSpan submitted)
    {
        var lastReport = TimeSpan.Zero;
        while (true)
        {
            var all = await GatewayPayments.AllAsync(viewer);
            if (all.Count >= payments && all.All(p => p.IsTerminal))
            {
                return (clock.Elapsed, all);
            }
            if (clock.Elapsed - submitted > DrainTimeout)
            {
                return (null, all);
            }
            if (clock.Elapsed - lastReport > TimeSpan.FromSeconds(20))
            {
                lastReport = clock.Elapsed;
                var open = all.Where(p => !p.IsTerminal).GroupBy(p => p.Status).Select(g => $"{g.Key} {g.Count()}");
                Console.WriteLine($"  {clock.Elapsed.TotalSeconds,5:F0} s: {all.Count(p => p.IsTerminal)} of {payments} terminal; open: {string.Join(", ", open)}");
            }
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }
}

/// <summary>One SIGKILL: when (since the first submission), how many payments were accepted by then, time until healthy again.</summary>
public sealed record Kill(TimeSpan At, int Accepted, TimeSpan Down);
