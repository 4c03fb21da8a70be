using System.Collections.Concurrent;

namespace BankFunctions.Bench.Contract;

/// <summary>What the contract run saw: requests per status and operation, 5xx, and every distinct contract violation.</summary>
public sealed class Figures
{
    private readonly ConcurrentDictionary<int, int> _statuses = new();
    private readonly ConcurrentDictionary<string, int> _perOperation = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _violations = new(StringComparer.Ordinal);
    private int _requests;
    private int _serverErrors;
    private int _violationCount;

    public int Operations { get; set; }
    public int Seed { get; set; }
    public int Workers { get; set; }
    public TimeSpan Elapsed { get; set; }
    public int ServerErrors => _serverErrors;
    public int Violations => _violationCount;

    public void Record(string operation, int status, IReadOnlyList<string> problems)
    {
        Interlocked.Increment(ref _requests);
        _statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
        _perOperation.AddOrUpdate(operation, 1, (_, n) => n + 1);
        if (status >= 500 || status == 0)
        {
            Interlocked.Increment(ref _serverErrors);
        }
        foreach (var problem in problems)
        {
            Interlocked.Increment(ref _violationCount);
            _violations.AddOrUpdate(problem.Length > 400 ? problem[..400] : problem, 1, (_, n) => n + 1);
        }
    }

    public void Print(TextWriter output)
    {
        output.WriteLine($"Contract run: {_requests} requests in {Elapsed.TotalSeconds:0} s ({_requests / Math.Max(1, Elapsed.TotalSeconds):0}/s), seed {Seed}, {Workers} workers");
        output.WriteLine($"  operations exercised: {_perOperation.Count} of {Operations} (min {(_perOperation.IsEmpty ? 0 : _perOperation.Values.Min())} requests each)");
        output.WriteLine("  statuses: " + string.Join(", ", _statuses.OrderBy(s => s.Key).Select(s => $"{(s.Key == 0 ? "none" : s.Key)}×{s.Value}")));
        output.WriteLine($"  2xx {Count(200, 299)}, 4xx {Count(400, 499)}, 5xx or no response {_serverErrors}");
        output.WriteLine($"  schema/contract violations: {_violationCount} ({_violations.Count} distinct)");
        foreach (var (violation, count) in _violations.OrderByDescending(v => v.Value).Take(30))
        {
            output.WriteLine($"    {count}× {violation}");
        }
    }

    private int Count(int from, int to) => _statuses.Where(s => s.Key >= from && s.Key <= to).Sum(s => s.Value);
}
