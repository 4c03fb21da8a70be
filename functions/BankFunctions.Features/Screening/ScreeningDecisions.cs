using BankFunctions.Domain.Payments;
using BankFunctions.Features.Payments;

namespace BankFunctions.Features.Screening;

/// <summary>
/// What a person decides about a payment in screening_hold, as pure decisions: clear it (a false positive: back to
/// approved and into the sign stage, which does not screen it again) or reject it (a true match). Both need a reason;
/// any other status is a 409 and nothing changes.
/// </summary>
public static class ScreeningDecisions
{
    public const string Cleared = "payment.screening_cleared";
    public const string Rejected = "payment.screening_rejected";

    public static PaymentDecision Clear(PaymentState payment, PaymentCommand command, DateTimeOffset now) =>
        (PaymentDecision?)Held(payment) ?? new PaymentDecision.Accepted(now, Cleared,
            Move: new PaymentMove(PaymentStatus.Approved, PaymentTrigger.ClearScreening, "Screening cleared: " + command.Reason), QueueForSigning: true);

    public static PaymentDecision Reject(PaymentState payment, PaymentCommand command, DateTimeOffset now) =>
        (PaymentDecision?)Held(payment) ?? new PaymentDecision.Accepted(now, Rejected,
            Move: new PaymentMove(PaymentStatus.Rejected, PaymentTrigger.RejectScreening, "Screening confirmed: " + command.Reason));

    private static PaymentDecision.Refused? Held(PaymentState payment) => payment.Status == PaymentStatus.ScreeningHold
        ? null
        : new(new Refusal(RefusalKind.InvalidState, $"The payment is {payment.Status.ToWire()}; only screening_hold payments can be cleared or rejected."));

    /// <summary>
    /// A payment an admin cleared: it was held once and is approved again (clearing is the only way back). The sign stage
    /// does not screen it again — the same name would be held again.
    /// </summary>
    public static bool WasCleared(IEnumerable<string> history) => history.Contains(PaymentStatus.ScreeningHold.ToWire(), StringComparer.Ordinal);
}
