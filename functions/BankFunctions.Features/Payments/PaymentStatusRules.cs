namespace BankFunctions.Features.Payments;

/// <summary>
/// Which bank-driven moves are allowed: forward only (a late or duplicated status report never moves a payment back),
/// with returned reachable from accepted/completed (退票 after success).
/// </summary>
public static class PaymentStatusRules
{
    private static readonly Dictionary<string, int> Rank = new(StringComparer.Ordinal)
    {
        [PaymentStatuses.Signing] = 1,
        [PaymentStatuses.Sent] = 2,
        [PaymentStatuses.Accepted] = 3,
        [PaymentStatuses.Completed] = 4,
    };

    /// <summary>Terminal for the dispatch pipeline (returned may still follow completed via statements).</summary>
    public static bool IsFinal(string status) => status is PaymentStatuses.Completed or PaymentStatuses.Rejected or PaymentStatuses.Returned
        or PaymentStatuses.Failed or PaymentStatuses.Cancelled or PaymentStatuses.NeedsAttention;

    public static bool CanMove(string from, string to)
    {
        if (from == to)
        {
            return true; // same status, maybe a new ISO code (ACTC → ACSP both "accepted")
        }
        if (to == PaymentStatuses.Returned)
        {
            return from is PaymentStatuses.Sent or PaymentStatuses.Accepted or PaymentStatuses.Completed;
        }
        if (to is PaymentStatuses.Rejected or PaymentStatuses.Failed)
        {
            return from is PaymentStatuses.Signing or PaymentStatuses.Sent or PaymentStatuses.Accepted;
        }
        return Rank.TryGetValue(from, out var f) && Rank.TryGetValue(to, out var t) && t > f;
    }
}
