using System.Diagnostics;
using System.Globalization;
using BankFunctions.Formats.Statements;

namespace BankFunctions.Bench.Parse;

/// <summary>Parses one file from memory (after a warm-up) and prints "bytes seconds entries" per iteration average.</summary>
internal static class Throughput
{
    public static int Run(string file, int iterations)
    {
        var bytes = File.ReadAllBytes(file);
        var entries = Parse(bytes); // warm-up (JIT)
        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < iterations; i++) entries = Parse(bytes);
        var seconds = stopwatch.Elapsed.TotalSeconds / iterations;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{bytes.Length} {seconds:F6} {entries}"));
        return 0;
    }

    private static long Parse(byte[] bytes)
    {
        var result = StatementParser.Parse(new MemoryStream(bytes, writable: false), "payload");
        return result.Statements.Sum(s => (long)s.EntryCount);
    }
}
