using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;
using BankFunctions.Bench.Common;
using BankFunctions.Storage;
using BankFunctions.Storage.Rows;
using BankFunctions.TestSupport;

namespace BankFunctions.Bench.Backup;

/// <summary>
/// Seeds one tenant's statement entries (the biggest kind of data there is) plus a second tenant's, then runs the CLI
/// as a child process under /usr/bin/time (peak RSS from outside, as a user would see it): backup --tenant, verify,
/// restore into a second, empty Azurite; and checks the restored row count.
/// </summary>
public static class BackupBenchmark
{
    private const string Tenant = "bench-tenant";
    private const string Other = "bench-other";

    /// <summary>
    /// Above this many rows each Azurite holds its tables in memory with a 6 GB Node heap: on disk, Azurite re-serialises
    /// its whole table database into one JSON string every 5 s, which past ~0.5 GB (~500,000 of these rows) exceeds V8's
    /// maximum string length, and the entities alone outgrow Node's default heap. Below it, the test suite's defaults.
    /// The CLI under measurement is the same either way; only Azurite's own speed differs.
    /// </summary>
    private const int LargeRunRows = 250_000;

    public static async Task RunAsync(int rows)
    {
        var options = rows > LargeRunRows ? new AzuriteOptions { NodeHeapMegabytes = 6144, InMemoryPersistence = true } : AzuriteOptions.Default;
        using var source = AzuriteFixture.Start(options);
        using var target = AzuriteFixture.Start(options);
        try
        {
            await RunAsync(rows, source, target);
        }
        catch (Exception e) when (source.ExitReport is not null || target.ExitReport is not null)
        {
            throw new InvalidOperationException(
                $"an Azurite died. source: {source.ExitReport ?? "running"}; target: {target.ExitReport ?? "running"}", e);
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Azurite peak RSS (not the CLI's): source {PeakRssMb(source.ProcessId):F0} MB, target {PeakRssMb(target.ProcessId):F0} MB; {options}"));
    }

    private static async Task RunAsync(int rows, AzuriteFixture source, AzuriteFixture target)
    {
        Console.WriteLine($"load average at start: {MachineLoad.Average()}");
        await new StorageClients(new StorageOptions { ConnectionString = source.ConnectionString }, null).EnsureCreatedAsync(CancellationToken.None);
        var seed = Stopwatch.StartNew();
        await StatementEntrySeed.SeedAsync(source.Tables().GetTableClient(TableNames.Statements), Tenant, rows);
        await StatementEntrySeed.SeedAsync(source.Tables().GetTableClient(TableNames.Statements), Other, Math.Max(rows / 10, 100));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seeded {rows:N0} entries of {Tenant} (+ {Math.Max(rows / 10, 100):N0} of {Other}) in {seed.Elapsed.TotalSeconds:F1} s; load average {MachineLoad.Average()}"));

        var directory = Path.Combine(Path.GetTempPath(), "bf-bench-backup-" + Guid.NewGuid().ToString("N"));
        try
        {
            var backup = Cli("backup", "--tenant", Tenant, "--out", directory, "--connection-string", source.ConnectionString);
            var bytes = Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
            var verify = Cli("verify", "--from", directory);
            var restore = Cli("restore", "--from", directory, "--connection-string", target.ConnectionString);
            var restored = 0;
            await foreach (var _ in target.Tables().GetTableClient(TableNames.Statements).QueryAsync<TableEntity>(select: ["PartitionKey"], maxPerPage: 1000))
            {
                restored++;
            }
            if (restored != rows)
            {
                throw new InvalidOperationException($"restored {restored} rows, expected {rows}");
            }
            Console.WriteLine();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"step",-8} {"rows",10} {"seconds",8} {"rows/s",9} {"peak RSS MB",12}"));
            foreach (var (name, run) in new[] { ("backup", backup), ("verify", verify), ("restore", restore) })
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{name,-8} {rows,10:N0} {run.Seconds,8:F1} {rows / run.Seconds,9:F0} {run.PeakRssKb / 1024.0,12:F1}"));
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"backup size: {bytes / 1048576.0:F1} MB ({bytes / (double)rows:F0} bytes/row gzip); restored rows checked: {restored:N0}"));
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    /// <summary>A live process's peak resident set (VmHWM), in MB; NaN where /proc does not tell.</summary>
    private static double PeakRssMb(int processId)
    {
        var status = $"/proc/{processId}/status";
        var line = File.Exists(status) ? File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal)) : null;
        return line is null ? double.NaN : long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0;
    }

    private sealed record Run(double Seconds, long PeakRssKb);

    /// <summary>The built CLI (Release) as a child process under /usr/bin/time: its wall time and maximum resident set size.</summary>
    private static Run Cli(params string[] args)
    {
        var dll = RepoPaths.Combine("functions", "BankFunctions.Cli", "bin", "Release", "net10.0", "BankFunctions.Cli.dll");
        var psi = new ProcessStartInfo("/usr/bin/time") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[] { "-f", "peak-rss-kb %M", "dotnet", dll }.Concat(args))
        {
            psi.ArgumentList.Add(arg);
        }
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(psi)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        var seconds = watch.Elapsed.TotalSeconds;
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var rss = lines.LastOrDefault(l => l.StartsWith("peak-rss-kb ", StringComparison.Ordinal));
        if (process.ExitCode != 0 || rss is null)
        {
            throw new InvalidOperationException($"{args[0]} exited {process.ExitCode}: {error}{output.Result}");
        }
        var last = output.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
        var peakKb = long.Parse(rss["peak-rss-kb ".Length..], CultureInfo.InvariantCulture);
        // Each step's figures as soon as it ends: a long run that fails later still leaves them.
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{args[0]}: {last} ({seconds:F1} s, peak RSS {peakKb / 1024.0:F1} MB; load average {MachineLoad.Average()})"));
        return new Run(seconds, peakKb);
    }
}
