using BankFunctions.Bench.Common;

namespace BankFunctions.Bench.Chaos;

/// <summary>One POST: a single payment or a batch, with its own Idempotency-Key kept across retries.</summary>
public sealed record Submission(string Path, object Body, int Payments, string Currency)
{
    public string IdempotencyKey { get; } = Guid.NewGuid().ToString();

    public bool IsBatch => Path == "v1/payment-batches";
}

/// <summary>
/// What is submitted: half of the payments per bank, mostly singles (which the sign stage groups into files), plus —
/// when there are enough — one "payments" and one "payroll" batch of 10 per bank, so that every send funcode of the
/// CMB-style bank (BB1PAYOP, BB1PAYBH, BB6BTHHL) and ISO payroll files are exercised too.
/// </summary>
public static class Submissions
{
    private const int BatchSize = 10;

    public static List<Submission> Plan(BenchTenant tenant, int payments)
    {
        var batches = new List<Submission>();
        if (payments >= 200)
        {
            foreach (var (currency, account) in new[] { ("EUR", tenant.EurAccount), ("CNY", tenant.CnyAccount) })
            {
                foreach (var kind in new[] { "payments", "payroll" })
                {
                    var items = Enumerable.Range(0, BatchSize).Select(i => BenchPayments.Item(currency, i)).ToList();
                    batches.Add(new Submission("v1/payment-batches", new { debtorAccountId = account, kind, items }, BatchSize, currency));
                }
            }
        }
        var singles = payments - (batches.Count * BatchSize);
        var plan = Enumerable.Range(0, singles)
            .Select(i => i % 2 == 0
                ? new Submission("v1/payments", BenchPayments.Eur(tenant.EurAccount, i), 1, "EUR")
                : new Submission("v1/payments", BenchPayments.Cny(tenant.CnyAccount, i), 1, "CNY"))
            .ToList();
        // Spread the batches through the run, so that some are in flight when the host is killed.
        for (var b = 0; b < batches.Count; b++)
        {
            plan.Insert(Math.Min(plan.Count, (plan.Count * (b + 1)) / (batches.Count + 1)), batches[b]);
        }
        return plan;
    }
}
