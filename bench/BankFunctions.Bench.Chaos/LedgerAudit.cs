using System.Net.Http.Json;
using System.Text.Json;

namespace BankFunctions.Bench.Chaos;

/// <summary>
/// Compares the gateway's view with the bank's books (BankSim GET /_sim/ledger, one entry per EndToEndId / yurref).
/// The exactly-once invariants: no reference executed twice; nothing the gateway calls paid (accepted, completed,
/// returned) that the bank did not execute; nothing the bank executed that the gateway calls rejected, failed or
/// cancelled; no executed reference that is not one of the submitted payments (a duplicate from a retried submit).
/// A needs_attention payment is the gateway saying "a person must check with the bank": counted, not a violation.
/// </summary>
public sealed record LedgerAudit(
    int Payments, int ExpectedPayments, int LedgerEntries, int ExecutedOnce, int ExecutedTwiceOrMore, int NotExecuted,
    List<string> PaidButNotExecuted, List<string> ExecutedButFailed, List<string> UnknownReferences, List<string> Foreign,
    int NeedsAttentionExecuted, int NeedsAttentionNotExecuted)
{
    private static readonly HashSet<string> Paid = new(StringComparer.Ordinal) { "accepted", "completed", "returned" };
    private static readonly HashSet<string> Unpaid = new(StringComparer.Ordinal) { "rejected", "failed", "cancelled" };

    public bool Holds => ExecutedTwiceOrMore == 0 && PaidButNotExecuted.Count == 0 && ExecutedButFailed.Count == 0
        && UnknownReferences.Count == 0 && Foreign.Count == 0 && Payments == ExpectedPayments;

    public static async Task<LedgerAudit> RunAsync(HttpClient bank, IReadOnlyList<PaymentState> payments, int expected,
        IReadOnlySet<string> singleIds, IReadOnlySet<string> batchIds)
    {
        var ledger = await bank.GetFromJsonAsync<JsonElement>("_sim/ledger");
        var executions = ledger.GetProperty("entries").EnumerateArray().ToDictionary(
            e => (e.GetProperty("bank").GetString()!, e.GetProperty("reference").GetString()!),
            e => e.GetProperty("executions").GetInt32());
        var ours = payments.ToDictionary(p => (p.Bank, p.BankReference));
        int Executions(PaymentState p) => executions.GetValueOrDefault((p.Bank, p.BankReference));

        return new LedgerAudit(
            payments.Count, expected, executions.Count,
            ExecutedOnce: executions.Values.Count(e => e == 1),
            ExecutedTwiceOrMore: executions.Values.Count(e => e > 1),
            NotExecuted: payments.Count(p => Executions(p) == 0),
            PaidButNotExecuted: payments.Where(p => Paid.Contains(p.Status) && Executions(p) == 0).Select(p => p.Id).ToList(),
            ExecutedButFailed: payments.Where(p => Unpaid.Contains(p.Status) && Executions(p) > 0).Select(p => p.Id).ToList(),
            UnknownReferences: executions.Where(e => e.Value > 0 && !ours.ContainsKey(e.Key)).Select(e => $"{e.Key.Item1}:{e.Key.Item2}").ToList(),
            // A payment the client never got an id for (neither a submitted single nor an item of a submitted batch).
            Foreign: payments.Where(p => !(singleIds.Contains(p.Id) || (p.BatchId is { } b && batchIds.Contains(b)))).Select(p => p.Id).ToList(),
            NeedsAttentionExecuted: payments.Count(p => p.Status == "needs_attention" && Executions(p) > 0),
            NeedsAttentionNotExecuted: payments.Count(p => p.Status == "needs_attention" && Executions(p) == 0));
    }
}
