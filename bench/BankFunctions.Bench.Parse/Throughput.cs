using System.Diagnostics;
using System.Globalization;
using BankFunctions.Formats.Statements;

namespace BankFunctions.Bench.Parse;

/// <summary>
/// Parses one file from memory (after a warm-up) and prints "bytes seconds entries" with the fastest iteration's time:
/// the bench machine is shared, and the minimum is the figure least distorted by other load (peers are timed alike).
/// </summary>
internal static class Throughput
{
    public static int Run(string file, int iterations)
    {
        var bytes = File.ReadAllBytes(file);
        var entries = Parse(bytes); // warm-up (JIT)
        var seconds = double.MaxValue;
        for (var i = 0; i < iterations; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            entries = Parse(bytes);
            seconds = Math.Min(seconds, stopwatch.Elapsed.TotalSeconds);
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{bytes.Length} {seconds:F6} {entries}"));
        return 0;
    }

    private static long Parse(byte[] bytes)
    {
        var result = StatementParser.Parse(new MemoryStream(bytes, writable: false), "payload");
        return result.Statements.Sum(s => (long)s.EntryCount);
    }
}
