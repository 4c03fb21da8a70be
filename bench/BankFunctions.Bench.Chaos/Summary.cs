using System.Globalization;

namespace BankFunctions.Bench.Chaos;

/// <summary>The result table.</summary>
public static class Summary
{
    public static void Print(int payments, double faultRate, IReadOnlyList<Kill> kills, TimeSpan submitted, TimeSpan? drained, TimeSpan total,
        IReadOnlyList<PaymentState> final, LedgerAudit audit, IReadOnlyDictionary<string, int> fired)
    {
        Console.WriteLine();
        Console.WriteLine("| measure | value | expected |");
        Console.WriteLine("|---|---|---|");
        Row("payments submitted / in the gateway", $"{payments} / {audit.Payments}", "equal");
        Row("fault rate (per bank call, send + status routes)", faultRate.ToString("P0", CultureInfo.InvariantCulture), "");
        Row("faults fired", string.Join(", ", fired.Where(f => f.Value > 0).Select(f => $"{f.Key} {f.Value}")), "");
        foreach (var (kill, i) in kills.Select((k, i) => (k, i + 1)))
        {
            Row($"SIGKILL #{i}", $"at {kill.At.TotalSeconds:F1} s, {kill.Accepted} accepted; healthy after {kill.Down.TotalSeconds:F1} s", "");
        }
        Row("all accepted (submit phase)", $"{submitted.TotalSeconds:F1} s", "");
        Row("drain time (last accepted → all terminal)", drained is { } d ? $"{(d - submitted).TotalSeconds:F1} s" : "NOT DRAINED", "≤ 600 s");
        Row("first submit → all terminal", drained is { } t ? $"{t.TotalSeconds:F1} s" : $"> {total.TotalSeconds:F0} s", "");
        foreach (var group in final.GroupBy(p => (p.Status, p.Bank)).OrderBy(g => g.Key.Status, StringComparer.Ordinal).ThenBy(g => g.Key.Bank, StringComparer.Ordinal))
        {
            Row($"status {group.Key.Status} ({group.Key.Bank})", group.Count().ToString(CultureInfo.InvariantCulture), "");
        }
        Row("ledger references executed exactly once", audit.ExecutedOnce.ToString(CultureInfo.InvariantCulture), "");
        Row("ledger references executed twice or more", audit.ExecutedTwiceOrMore.ToString(CultureInfo.InvariantCulture), "0");
        Row("payments never executed at the bank", audit.NotExecuted.ToString(CultureInfo.InvariantCulture), "");
        Row("accepted/completed/returned but not executed", List(audit.PaidButNotExecuted), "0");
        Row("executed but rejected/failed/cancelled", List(audit.ExecutedButFailed), "0");
        Row("executed references of no submitted payment", List(audit.UnknownReferences), "0");
        Row("payments the client never got an id for", List(audit.Foreign), "0");
        Row("needs_attention: executed / not executed", $"{audit.NeedsAttentionExecuted} / {audit.NeedsAttentionNotExecuted}", "(a person checks)");
        Console.WriteLine();
    }

    private static string List(List<string> items) =>
        items.Count == 0 ? "0" : $"{items.Count}: {string.Join(", ", items.Take(5))}{(items.Count > 5 ? ", …" : "")}";

    private static void Row(string measure, string value, string expected) => Console.WriteLine($"| {measure} | {value} | {expected} |");
}
