using System.Text.RegularExpressions;

namespace BankFunctions.Bench.Chaos;

/// <summary>
/// What the drain time is made of: per payment, time from creation to its terminal status and the longest wait between
/// two consecutive statuses (the stage where it was stuck); from the host logs, how often the outbox sweep re-drove
/// work, how often a handler failed (the message then waits out host.json's visibilityTimeout) and what went to poison.
/// </summary>
public static partial class StallReport
{
    public static void Print(IReadOnlyList<PaymentState> payments, IReadOnlyList<string> hostLogs)
    {
        var done = payments.Where(p => p.IsTerminal).Select(p => (p.History.Last(h => h.Status == p.Status).At - p.CreatedAt).TotalSeconds).Order().ToList();
        if (done.Count > 0)
        {
            double Q(double q) => done[Math.Min(done.Count - 1, (int)Math.Ceiling(q * done.Count) - 1)];
            Console.WriteLine($"created → terminal: p50 {Q(0.5):F1} s, p90 {Q(0.9):F1} s, p99 {Q(0.99):F1} s, max {done[^1]:F1} s");
        }
        var waits = payments.Select(LongestWait).Where(w => w.Seconds > 30).GroupBy(w => w.Step)
            .Select(g => (Step: g.Key, Count: g.Count(), Max: g.Max(w => w.Seconds))).OrderByDescending(g => g.Count).ToList();
        Console.WriteLine($"payments that waited > 30 s at one step: {waits.Sum(w => w.Count)}");
        foreach (var (step, count, max) in waits)
        {
            Console.WriteLine($"  {step,-28} {count,5} payments, longest {max,6:F0} s");
        }

        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in hostLogs.Where(File.Exists).SelectMany(File.ReadLines))
        {
            foreach (var (pattern, label) in Patterns)
            {
                if (pattern.Match(line) is { Success: true } m)
                {
                    var key = string.Format(System.Globalization.CultureInfo.InvariantCulture, label, m.Groups[1].Value);
                    counts[key] = counts.GetValueOrDefault(key) + 1;
                }
            }
        }
        Console.WriteLine("host log events (all starts):");
        foreach (var (key, count) in counts)
        {
            Console.WriteLine($"  {key,-48} {count,6}");
        }
    }

    private static (string Step, double Seconds) LongestWait(PaymentState p)
    {
        var points = new List<(string Status, DateTimeOffset At)> { ("created", p.CreatedAt) };
        points.AddRange(p.History);
        var best = ("", 0.0);
        for (var i = 1; i < points.Count; i++)
        {
            var gap = (points[i].At - points[i - 1].At).TotalSeconds;
            if (gap > best.Item2)
            {
                best = ($"{points[i - 1].Status} → {points[i].Status}", gap);
            }
        }
        if (!p.IsTerminal)
        {
            var open = (DateTimeOffset.UtcNow - points[^1].At).TotalSeconds;
            if (open > best.Item2)
            {
                best = ($"{points[^1].Status} → (not yet)", open);
            }
        }
        return best;
    }

    private static readonly (Regex Pattern, string Label)[] Patterns =
    [
        (OutboxRedrove(), "outbox re-drove {0}"),
        (HandlerFailed(), "handler failed: {0}"),
        (Poisoned(), "moved to poison: {0}"),
        (Dispatched(), "dispatch outcome: {0}"),
    ];

    [GeneratedRegex(@"Outbox re-drove ([\w-]+) work")]
    private static partial Regex OutboxRedrove();

    [GeneratedRegex(@"Function ([\w-]+) failed on message")]
    private static partial Regex HandlerFailed();

    [GeneratedRegex(@"moved to ([\w-]+)-poison")]
    private static partial Regex Poisoned();

    [GeneratedRegex(@"Dispatched file \S+ to \S+: (\w+)")]
    private static partial Regex Dispatched();
}
