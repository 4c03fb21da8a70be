using System.Globalization;

namespace BankFunctions.Bench.Webhooks;

/// <summary>Latency from each event's createdAt (the state change) to its first 2xx delivery, per event type and overall.</summary>
public sealed class LatencyTable
{
    private readonly Dictionary<string, List<double>> _byType = new(StringComparer.Ordinal);
    private readonly List<double> _all = [];

    public LatencyTable(IEnumerable<FeedEvent> events, IReadOnlyDictionary<string, DateTimeOffset> firstDelivered)
    {
        foreach (var e in events)
        {
            if (firstDelivered.TryGetValue(e.Id, out var at))
            {
                var ms = (at - e.CreatedAt).TotalMilliseconds;
                (_byType.TryGetValue(e.Type, out var list) ? list : _byType[e.Type] = []).Add(ms);
                _all.Add(ms);
            }
        }
        foreach (var list in _byType.Values.Append(_all))
        {
            list.Sort();
        }
    }

    public int Count => _all.Count;

    /// <summary>Nearest rank; NaN when nothing was delivered.</summary>
    public double Overall(double q) => Percentile(_all, q);

    public void Print(string indent)
    {
        Console.WriteLine($"{indent}{"type",-26} {"n",6} {"p50",8} {"p95",8} {"p99",8} {"max",8}  (ms, createdAt → received)");
        foreach (var (type, values) in _byType.OrderBy(t => t.Key, StringComparer.Ordinal).Append(new("all", _all)))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{indent}{type,-26} {values.Count,6} {Percentile(values, 0.50),8:F0} {Percentile(values, 0.95),8:F0} {Percentile(values, 0.99),8:F0} {Percentile(values, 1),8:F0}"));
        }
    }

    private static double Percentile(List<double> sorted, double q) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1)];
}
