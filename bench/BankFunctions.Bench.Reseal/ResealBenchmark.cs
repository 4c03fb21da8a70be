using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;
using BankFunctions.Bench.Common;
using BankFunctions.Storage;
using BankFunctions.Storage.Encryption;
using BankFunctions.TestSupport;

namespace BankFunctions.Bench.Reseal;

/// <summary>
/// Two tenants with the same statement entries, sealed under data key version 1, then rotated: one is re-sealed row by
/// row (the reference: <see cref="DataKeyReseal.ResealRowAsync"/> for each stale row of each page), the other as the
/// job does (<see cref="DataKeyReseal.TablePageAsync"/>). Both end checked: every value of both under version 2.
/// </summary>
public static class ResealBenchmark
{
    private const string RowByRow = "bench-rowwise";
    private const string Batched = "bench-batched";

    public static async Task RunAsync(int rows)
    {
        using var azurite = AzuriteFixture.Start(AzuriteOptions.Default);
        var keyFolder = Directory.CreateTempSubdirectory("bf-bench-reseal-").FullName;
        try
        {
            var counter = new RequestCounter();
            var storageOptions = new StorageOptions { ConnectionString = azurite.ConnectionString };
            var kek = new LocalKeyFileKek(Path.Combine(keyFolder, "kek.json"));
            var clients = new StorageClients(storageOptions, null, counter,
                new StorageEncryption(new EncryptionOptions { Kek = "file", KeyFile = Path.Combine(keyFolder, "kek.json") }, kek, TimeProvider.System));
            await clients.EnsureCreatedAsync(CancellationToken.None);
            Console.WriteLine($"load average at start: {MachineLoad.Average()}");

            var seed = Stopwatch.StartNew();
            foreach (var tenant in new[] { RowByRow, Batched })
            {
                await StatementEntrySeed.SeedAsync(clients.Table(TableNames.Statements), tenant, rows);
                await clients.KeyRing!.RotateDataKeyAsync(tenant, CancellationToken.None);
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seeded {rows:N0} sealed entries for each of two tenants and rotated their keys in {seed.Elapsed.TotalSeconds:F1} s"));

            var reference = await MeasureAsync(counter, rows, () => RowByRowAsync(clients.Reseal!, RowByRow));
            var job = await MeasureAsync(counter, rows, () => PagesAsync(clients.Reseal!, Batched));
            var raw = new StorageClients(storageOptions, null);
            foreach (var tenant in new[] { RowByRow, Batched })
            {
                await CheckAllUnderAsync(raw, tenant, 2, rows);
            }

            Console.WriteLine();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"re-seal",-12} {"rows",9} {"seconds",8} {"rows/s",8} {"storage ops",12} {"ops/row",8}"));
            foreach (var (name, run) in new[] { ("row by row", reference), ("job", job) })
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{name,-12} {run.Rewritten,9:N0} {run.Seconds,8:F1} {run.Rewritten / run.Seconds,8:F0} {run.Operations,12:N0} {run.Operations / (double)run.Rewritten,8:F3}"));
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"job / row by row: {reference.Seconds / job.Seconds:F1}× the rows/s, {job.Operations / (double)reference.Operations:P1} of the operations; every value of both tenants checked under version 2; load average {MachineLoad.Average()}"));
            Console.WriteLine("by kind (job): " + string.Join(", ", job.ByKind.Select(k => $"{k.Key} {k.Value:N0}")));
        }
        finally
        {
            Directory.Delete(keyFolder, recursive: true);
        }
    }

    private sealed record Run(int Rewritten, double Seconds, long Operations, IReadOnlyList<KeyValuePair<string, long>> ByKind);

    private static async Task<Run> MeasureAsync(RequestCounter counter, int rows, Func<Task<int>> reseal)
    {
        counter.Reset();
        var watch = Stopwatch.StartNew();
        var rewritten = await reseal();
        var run = new Run(rewritten, watch.Elapsed.TotalSeconds, counter.Count, counter.ByKind);
        if (rewritten != rows)
        {
            throw new InvalidOperationException($"rewrote {rewritten} rows, expected {rows}");
        }
        return run;
    }

    /// <summary>The reference: each stale row of each page read and merged on its own.</summary>
    private static async Task<int> RowByRowAsync(DataKeyReseal reseal, string tenant)
    {
        var rewritten = 0;
        string? continuation = null;
        do
        {
            var scan = await reseal.ScanTableAsync(TableNames.Statements, tenant, continuation, DataKeyReseal.TablePageSize, CancellationToken.None);
            foreach (var row in scan.Sealed)
            {
                rewritten += await reseal.ResealRowAsync(row, CancellationToken.None) == DataKeyReseal.Outcome.Rewritten ? 1 : 0;
            }
            continuation = scan.Continuation;
        }
        while (continuation is not null);
        return rewritten;
    }

    /// <summary>As the job's queue handler does, one page after another.</summary>
    private static async Task<int> PagesAsync(DataKeyReseal reseal, string tenant)
    {
        var rewritten = 0;
        string? continuation = null;
        do
        {
            var page = await reseal.TablePageAsync(TableNames.Statements, tenant, continuation, 2, CancellationToken.None);
            rewritten += page.Rewritten;
            continuation = page.Continuation;
        }
        while (continuation is not null);
        return rewritten;
    }

    private static async Task CheckAllUnderAsync(StorageClients raw, string tenant, int version, int rows)
    {
        var count = 0;
        await foreach (var entity in raw.Table(TableNames.Statements).QueryAsync<TableEntity>(BackupScope.TenantFilter(TableNames.Statements, tenant)))
        {
            var values = EnvelopeVersions.InEntity(TableNames.Statements, entity);
            if (values.Count == 0 || values.Any(v => v.Version != version))
            {
                throw new InvalidOperationException($"{tenant} {entity.RowKey}: not every value is under version {version}");
            }
            count++;
        }
        if (count != rows)
        {
            throw new InvalidOperationException($"{tenant}: {count} rows, expected {rows}");
        }
    }
}
