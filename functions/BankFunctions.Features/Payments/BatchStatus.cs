namespace BankFunctions.Features.Payments;

/// <summary>
/// A batch's status as shown: the header's own status (pending_approval, approved, rejected, cancelled — set by the
/// approval decisions) until every item is terminal, then what became of the items. Pure, so the rule is one place.
/// <list type="bullet">
/// <item>every item completed → <c>completed</c>; every item returned → <c>returned</c>;</item>
/// <item>some items completed or returned, others not → <c>partially_completed</c>;</item>
/// <item>any item needs_attention (and none completed) → <c>needs_attention</c>: an operator must look;</item>
/// <item>no item completed: all rejected → <c>rejected</c>, all cancelled → <c>cancelled</c>, otherwise <c>failed</c>.</item>
/// </list>
/// "Terminal" is <see cref="PaymentStatusRules.IsFinal"/> (completed may still become returned through a statement,
/// and the derived status follows it).
/// </summary>
public static class BatchStatus
{
    public const string PartiallyCompleted = "partially_completed";

    /// <summary>Every value a batch's status can take.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        PaymentStatuses.PendingApproval, PaymentStatuses.Approved, PaymentStatuses.Completed, PartiallyCompleted,
        PaymentStatuses.Rejected, PaymentStatuses.Cancelled, PaymentStatuses.Failed, PaymentStatuses.Returned, PaymentStatuses.NeedsAttention,
    ];

    /// <param name="headerStatus">The batch header's status.</param>
    /// <param name="complete">Whether every item has been written.</param>
    /// <param name="counts">Items per status.</param>
    public static string Derive(string headerStatus, bool complete, IReadOnlyDictionary<string, int> counts)
    {
        var total = counts.Values.Sum();
        if (!complete || total == 0 || counts.Any(c => c.Value > 0 && !PaymentStatusRules.IsFinal(c.Key)))
        {
            return headerStatus;
        }
        int Count(string status) => counts.GetValueOrDefault(status);
        var completed = Count(PaymentStatuses.Completed);
        var returned = Count(PaymentStatuses.Returned);
        if (completed == total)
        {
            return PaymentStatuses.Completed;
        }
        if (returned == total)
        {
            return PaymentStatuses.Returned;
        }
        if (completed + returned > 0)
        {
            return PartiallyCompleted;
        }
        if (Count(PaymentStatuses.NeedsAttention) > 0)
        {
            return PaymentStatuses.NeedsAttention;
        }
        if (Count(PaymentStatuses.Rejected) == total)
        {
            return PaymentStatuses.Rejected;
        }
        return Count(PaymentStatuses.Cancelled) == total ? PaymentStatuses.Cancelled : PaymentStatuses.Failed;
    }
}
