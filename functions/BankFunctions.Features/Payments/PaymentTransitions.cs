using BankFunctions.Domain.Payments;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Payments;

/// <summary>
/// A payment row moved by the one <see cref="PaymentStateMachine"/>: the status, its history entry and what the bank
/// said, written to the row (the caller saves it ETag-guarded). Every module that moves payments — API actions,
/// dispatch stages, the statement reconciler — comes through here, so none of them owns the rules.
/// </summary>
public static class PaymentTransitions
{
    /// <summary>The row's status as the domain knows it (rows keep the contract's wire name).</summary>
    public static PaymentStatus StatusOf(PaymentRow row) => PaymentStatusNames.Parse(row.Status);

    /// <summary>
    /// Moves <paramref name="p"/> to <paramref name="to"/> when the state machine allows it for <paramref name="by"/>;
    /// false (row untouched) when it does not, or when nothing would change (same status, no new bank status code).
    /// </summary>
    public static bool TryApply(PaymentRow p, PaymentStatus to, PaymentTrigger by, DateTimeOffset now,
        string? reason = null, string? bankCode = null, string? isoStatus = null)
    {
        var from = StatusOf(p);
        if (!PaymentStateMachine.CanMove(from, to, by))
        {
            return false;
        }
        if (from == to && (isoStatus is null || p.IsoStatus == isoStatus))
        {
            return false;
        }
        var name = to.ToWire();
        if (from != to)
        {
            Telemetry.PaymentMetrics.Moved(p, from, to, now);
            p.StatusHistory = StatusHistory.Append(p.StatusHistory, new StatusChange(name, now, reason, bankCode));
        }
        p.Status = name;
        p.StatusReason = reason ?? p.StatusReason;
        p.BankStatusCode = bankCode ?? p.BankStatusCode;
        p.IsoStatus = isoStatus ?? p.IsoStatus;
        p.UpdatedAt = now;
        return true;
    }

    /// <summary>
    /// As <see cref="TryApply"/> for a move the caller has already decided is legal: an illegal one throws
    /// <see cref="IllegalTransitionException{TStatus}"/> instead of being silently skipped.
    /// </summary>
    public static bool Apply(PaymentRow p, PaymentStatus to, PaymentTrigger by, DateTimeOffset now,
        string? reason = null, string? bankCode = null, string? isoStatus = null)
    {
        PaymentStateMachine.Move(StatusOf(p), to, by);
        return TryApply(p, to, by, now, reason, bankCode, isoStatus);
    }
}
