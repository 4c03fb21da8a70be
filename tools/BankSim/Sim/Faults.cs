using System.Security.Cryptography;

namespace BankSim.Sim;

public sealed record FaultRule(string Bank, string Route, string Kind, double Probability, int? Count);

/// <summary>
/// Fault injection (BANKS.md §C). A rule matches a bank and a route — a path prefix such as "/iso/v1/payment-files",
/// or for the CMB-style bank a funcode such as "BB1PAYOP" (or "*") — and fires with its probability, at most Count times.
/// </summary>
public sealed class Faults
{
    public static readonly IReadOnlySet<string> Kinds = new HashSet<string>(StringComparer.Ordinal)
    {
        "error500", "error429", "slow", "reset", "timeoutAfterCommit", "duplicateStatus", "bounce",
    };

    private readonly List<Entry> _rules = [];

    public void Add(FaultRule rule)
    {
        lock (_rules)
        {
            _rules.Add(new Entry(rule, rule.Count));
        }
    }

    public void Clear()
    {
        lock (_rules)
        {
            _rules.Clear();
        }
    }

    public IReadOnlyList<FaultRule> All()
    {
        lock (_rules)
        {
            return _rules.Select(r => r.Rule with { Count = r.Remaining }).ToList();
        }
    }

    /// <summary>The kind of fault to apply to this call, if any rule fires (consuming one of its count).</summary>
    public string? Draw(string bank, string route, params string[] kinds)
    {
        lock (_rules)
        {
            foreach (var entry in _rules)
            {
                var rule = entry.Rule;
                if (rule.Bank != bank || !kinds.Contains(rule.Kind) || entry.Remaining == 0 || !Matches(rule.Route, route))
                {
                    continue;
                }
                if (RandomNumberGenerator.GetInt32(1_000_000) >= rule.Probability * 1_000_000)
                {
                    continue;
                }
                if (entry.Remaining is not null)
                {
                    entry.Remaining--;
                }
                return rule.Kind;
            }
            return null;
        }
    }

    private static bool Matches(string ruleRoute, string route) =>
        ruleRoute is "*" or "" || route.StartsWith(ruleRoute, StringComparison.OrdinalIgnoreCase) || string.Equals(ruleRoute, route, StringComparison.OrdinalIgnoreCase);

    private sealed class Entry(FaultRule rule, int? remaining)
    {
        public FaultRule Rule { get; } = rule;
        public int? Remaining { get; set; } = remaining;
    }
}
