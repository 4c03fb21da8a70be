using System.Diagnostics;
using System.Globalization;
using System.Text;
using BankFunctions.Domain.Screening;
using BankFunctions.Formats.Screening;

namespace BankFunctions.Bench.Screening;

/// <summary>
/// What the sign stage pays per payment for screening, in process (as <c>Screener</c> does it once a list version is
/// indexed): read an N-entry SDN.CSV with the real reader, build the index once, then screen M names one at a time at the
/// default threshold (0.90) and report mean and p99 per name, and the hits per kind of name. The per-payment blob
/// listing that checks the list version (one storage call) is not part of these figures.
/// </summary>
internal static class ScreeningBenchmark
{
    private const decimal Threshold = 0.90m;

    public static void Run(int entryCount, int nameCount)
    {
        var (csv, listed) = SyntheticList.Sdn(entryCount);
        var screened = SyntheticList.Screened(listed, nameCount);

        var read = Stopwatch.StartNew();
        using var file = new MemoryStream(Encoding.UTF8.GetBytes(csv));
        var entries = ScreeningListFormats.Read(OfacSdnReader.SdnSource, "text/csv", file);
        read.Stop();
        var build = Stopwatch.StartNew();
        var index = new ScreeningIndex(entries);
        build.Stop();

        // Warm up (JIT), then measure each name on its own.
        foreach (var (name, _) in screened.Take(200))
        {
            index.Screen(name, Threshold);
        }
        var times = new double[screened.Count];
        var hits = new Dictionary<string, (int Hit, int All)>(StringComparer.Ordinal);
        for (var i = 0; i < screened.Count; i++)
        {
            var (name, kind) = screened[i];
            var started = Stopwatch.GetTimestamp();
            var found = index.Screen(name, Threshold);
            times[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var (hit, all) = hits.GetValueOrDefault(kind);
            hits[kind] = (hit + (found.Count > 0 ? 1 : 0), all + 1);
        }
        Array.Sort(times);
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(inv, $"screening: {entries.Count:N0} entries ({index.Names:N0} names, {csv.Length / 1024:N0} KiB SDN.CSV) read in {read.Elapsed.TotalMilliseconds:F0} ms, indexed in {build.Elapsed.TotalMilliseconds:F0} ms"));
        Console.WriteLine(string.Create(inv, $"  {times.Length:N0} names screened one at a time (threshold {Threshold}): mean {times.Average():F3} ms, p50 {Percentile(times, 0.50):F3} ms, p99 {Percentile(times, 0.99):F3} ms, max {times[^1]:F3} ms"));
        foreach (var (kind, (hit, all)) in hits.OrderBy(h => h.Key, StringComparer.Ordinal))
        {
            Console.WriteLine(string.Create(inv, $"  {kind}: {hit:N0} of {all:N0} held"));
        }
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
