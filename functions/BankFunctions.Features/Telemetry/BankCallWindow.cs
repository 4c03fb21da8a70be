using System.Collections.Concurrent;
using BankFunctions.Banks;

namespace BankFunctions.Features.Telemetry;

/// <summary>
/// This instance's bank calls of the last <see cref="Window"/> in one-minute buckets per (bank, operation), for the
/// overview route (the metrics carry the same calls to the exporter; the alert evaluates them across instances).
/// Success as the alert counts it: Success or Duplicate among every outcome but NotSupported.
/// </summary>
public sealed class BankCallWindow(TimeProvider clock)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    private sealed class Bucket
    {
        public long Calls;
        public long Successes;
        public long Ticks;
    }

    private readonly ConcurrentDictionary<(string Bank, string Operation, long Minute), Bucket> _buckets = new();

    public void Record(string bank, string operation, string outcome, TimeSpan duration)
    {
        if (outcome == nameof(BankCallOutcome.NotSupported))
        {
            return;
        }
        var bucket = _buckets.GetOrAdd((bank, operation, Minute(clock.GetUtcNow())), _ => new Bucket());
        Interlocked.Increment(ref bucket.Calls);
        Interlocked.Add(ref bucket.Ticks, duration.Ticks);
        if (outcome is nameof(BankCallOutcome.Success) or nameof(BankCallOutcome.Duplicate))
        {
            Interlocked.Increment(ref bucket.Successes);
        }
    }

    /// <summary>Per bank, its operations' figures over the window, sorted by operation; old buckets are dropped.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<BankCallFigures>> Snapshot()
    {
        var first = Minute(clock.GetUtcNow() - Window) + 1;
        foreach (var key in _buckets.Keys.Where(k => k.Minute < first))
        {
            _buckets.TryRemove(key, out _);
        }
        return _buckets.Where(b => b.Key.Minute >= first)
            .GroupBy(b => b.Key.Bank, StringComparer.Ordinal)
            .ToDictionary(bank => bank.Key, bank => (IReadOnlyList<BankCallFigures>)bank
                .GroupBy(b => b.Key.Operation, StringComparer.Ordinal)
                .OrderBy(op => op.Key, StringComparer.Ordinal)
                .Select(op => Figures(op.Key, op.Sum(b => Interlocked.Read(ref b.Value.Calls)), op.Sum(b => Interlocked.Read(ref b.Value.Successes)),
                    op.Sum(b => Interlocked.Read(ref b.Value.Ticks))))
                .ToList(), StringComparer.Ordinal);
    }

    public static BankCallFigures Figures(string operation, long calls, long successes, long ticks) =>
        new(operation, calls, successes,
            (calls == 0 ? 1m : Math.Round((decimal)successes / calls, 4)).ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture),
            calls == 0 ? 0 : (long)TimeSpan.FromTicks(ticks / calls).TotalMilliseconds);

    private static long Minute(DateTimeOffset at) => at.ToUnixTimeSeconds() / 60;
}
