using System.Diagnostics;
using System.Globalization;
using BankFunctions.Formats.Statements;

namespace BankFunctions.Bench.Parse;

/// <summary>Stream-parses a file from disk, entries handed out one by one (as an import would store them).</summary>
internal static class PeakMemory
{
    public static int Run(string file)
    {
        long entries = 0;
        var booked = 0m;
        var stopwatch = Stopwatch.StartNew();
        using var stream = File.OpenRead(file);
        var result = StatementParser.Parse(stream, Path.GetFileName(file), new StatementParseOptions
        {
            RetainEntries = false,
            OnEntry = entry =>
            {
                entries++;
                booked += entry.Amount;
            },
        });
        var warnings = result.Statements.Sum(s => s.Warnings.Count);
        using var process = Process.GetCurrentProcess();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{new FileInfo(file).Length} bytes, {entries} entries, booked sum {booked}, {warnings} warnings, {stopwatch.Elapsed.TotalSeconds:F2} s, peak working set {process.PeakWorkingSet64 / 1024 / 1024} MB"));
        return warnings == 0 ? 0 : 3;
    }
}
