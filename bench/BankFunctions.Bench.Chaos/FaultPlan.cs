using System.Net.Http.Json;
using System.Text.Json;

namespace BankFunctions.Bench.Chaos;

/// <summary>
/// Spreads a total fault rate evenly over the fault kinds on both banks' send and status routes. BankSim tries its
/// rules in order and applies the first that fires, so the n-th rule of a route gets the conditional probability
/// share / (1 − (n−1)·share): each kind then hits a call with probability share, and some fault with the total rate.
/// Every rule has a large count so that what fired can be read back (count − remaining).
/// </summary>
public static class FaultPlan
{
    private const int Budget = 1_000_000;

    /// <summary>Faults at the transport: applied before (error500, error429, reset), around (slow) or after (timeoutAfterCommit) processing.</summary>
    private static readonly string[] Transport = ["error500", "error429", "reset", "timeoutAfterCommit", "slow"];

    /// <summary>Bank, route (ISO path prefix or CMB funcode), and whether it is a status route.</summary>
    private static readonly (string Bank, string Route, bool Status)[] Routes =
    [
        ("simbank-iso", "/iso/v1/payment-files", false),
        ("simbank-iso", "/iso/v1/payment-status", true),
        ("simbank-cmb", "BB1PAYOP", false),
        ("simbank-cmb", "BB1PAYBH", false),
        ("simbank-cmb", "BB6BTHHL", false),
        ("simbank-cmb", "BB1PAYQR", true),
        ("simbank-cmb", "BB6BPDQY", true),
    ];

    public static async Task ApplyAsync(HttpClient bank, double rate)
    {
        (await bank.DeleteAsync("_sim/faults")).EnsureSuccessStatusCode();
        foreach (var (name, route, status) in Routes)
        {
            // duplicateStatus only exists in BankSim's ISO status reports (a stale pain.002 served again); the CMB-style
            // bank has no such fault, so its status routes share the rate among the transport kinds only.
            var duplicates = status && name == "simbank-iso";
            var share = rate / (Transport.Length + (duplicates ? 1 : 0));
            var taken = 0.0;
            foreach (var kind in Transport)
            {
                await AddAsync(bank, name, route, kind, share / (1 - taken));
                taken += share;
            }
            if (duplicates)
            {
                // Drawn separately, only for calls no transport fault took.
                await AddAsync(bank, name, route, "duplicateStatus", share / (1 - taken));
            }
        }
    }

    /// <summary>How often each kind fired, from BankSim's remaining counts.</summary>
    public static async Task<SortedDictionary<string, int>> FiredAsync(HttpClient bank)
    {
        var rules = await bank.GetFromJsonAsync<JsonElement>("_sim/faults");
        var fired = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var rule in rules.GetProperty("faults").EnumerateArray())
        {
            var key = $"{rule.GetProperty("bank").GetString()} {rule.GetProperty("kind").GetString()}";
            fired[key] = fired.GetValueOrDefault(key) + Budget - rule.GetProperty("count").GetInt32();
        }
        return fired;
    }

    public static async Task ClearAsync(HttpClient bank) => (await bank.DeleteAsync("_sim/faults")).EnsureSuccessStatusCode();

    private static async Task AddAsync(HttpClient bank, string name, string route, string kind, double probability) =>
        (await bank.PostAsJsonAsync("_sim/faults", new { bank = name, route, kind, probability, count = Budget })).EnsureSuccessStatusCode();
}
