using BankFunctions.Domain.Payments;
using BankFunctions.Features.Auth;

namespace BankFunctions.Features.Payments;

/// <summary>A person's resolution of a needs_attention payment: the outcome, why, and what shows it (a bank statement line, a call's reference, …).</summary>
public sealed record ResolveCommand(Caller Caller, ResolutionOutcome Outcome, string Reason, string Evidence);

/// <summary>
/// The pure decisions of resolving a payment in needs_attention (issue #17), in the shape of approve, reject and cancel (<see cref="PaymentDecision"/>):
/// the runner (<see cref="PaymentActionRunner"/>) writes what they accept in one ETag-guarded transaction with the audit
/// row of the person (key id, or "operator"). None of them ever sends the payment again: a payment that must still go
/// out is a new payment.
/// <list type="bullet">
/// <item>Requery: the bank's answer to a status query a person asked for; a final status settles the payment
/// (<see cref="PaymentTrigger.Requery"/>), anything else is only logged.</item>
/// <item>Resolve failed: at once. Resolve completed: proposed and stored on the payment until a second person confirms
/// (dual control: never the proposer, never the payment's creator).</item>
/// </list>
/// </summary>
public static class AttentionDecisions
{
    public const string Requeried = "payment.attention.requeried";
    public const string CompletionProposed = "payment.attention.completion-proposed";
    public const string ResolvedFailed = "payment.attention.resolved-failed";
    public const string ResolvedCompleted = "payment.attention.resolved-completed";

    /// <summary>Null when <paramref name="payment"/> is in needs_attention; otherwise the 409 that says it is not.</summary>
    public static Refusal? NotInNeedsAttention(PaymentState payment) => payment.Status == PaymentStatus.NeedsAttention
        ? null
        : new Refusal(RefusalKind.InvalidState,
            $"The payment is {payment.Status.ToWire()}; only a payment in needs_attention is resolved here (a resend is only a new payment).");

    public static PaymentDecision Requery(PaymentState payment, BankAnswer answer, Caller caller, DateTimeOffset now)
    {
        if (NotInNeedsAttention(payment) is { } refusal)
        {
            return new PaymentDecision.Refused(refusal);
        }
        var entry = new AttentionEntry(now, caller.Actor, "requeried", Bank: answer.ToView());
        if (answer is { Kind: BankAnswerKind.Found, Reported: { } reported }
            && PaymentStateMachine.CanMove(payment.Status, reported, PaymentTrigger.Requery))
        {
            var reason = answer.Detail ?? $"The bank reported it {reported.ToWire()} when asked again.";
            return new PaymentDecision.Accepted(now, Requeried,
                Move: new PaymentMove(reported, PaymentTrigger.Requery, reason, BankCode: answer.BankCode, IsoCode: answer.IsoCode),
                Attention: new AttentionChange(entry, PendingAfter: null));
        }
        // Not final at the bank, unknown to it, or no answer: nothing moves; the answer is kept for the person.
        return new PaymentDecision.Accepted(now, Requeried, Attention: new AttentionChange(entry, payment.Pending));
    }

    public static PaymentDecision Resolve(PaymentState payment, ResolveCommand command, DateTimeOffset now)
    {
        if (NotInNeedsAttention(payment) is { } refusal)
        {
            return new PaymentDecision.Refused(refusal);
        }
        var by = command.Caller.Actor;
        if (command.Outcome == ResolutionOutcome.Failed)
        {
            var entry = new AttentionEntry(now, by, "resolved_failed", command.Reason, command.Evidence);
            return new PaymentDecision.Accepted(now, ResolvedFailed,
                Move: new PaymentMove(PaymentStatus.Failed, PaymentTrigger.Resolve, "Resolved as failed: " + command.Reason),
                Attention: new AttentionChange(entry, PendingAfter: null));
        }
        if (payment.Pending is { } pending)
        {
            return new PaymentDecision.Refused(new Refusal(RefusalKind.Conflict,
                $"A completed resolution by {pending.By} waits for confirmation: another person confirms it (POST …/attention/confirm), or it is resolved as failed."));
        }
        var proposed = new PendingResolution(ResolutionOutcome.Completed, command.Reason, command.Evidence, by, now);
        return new PaymentDecision.Accepted(now, CompletionProposed,
            Attention: new AttentionChange(new AttentionEntry(now, by, "completion_proposed", command.Reason, command.Evidence), proposed));
    }

    /// <param name="note">The confirming person's optional note.</param>
    public static PaymentDecision Confirm(PaymentState payment, Caller caller, string? note, DateTimeOffset now)
    {
        if (NotInNeedsAttention(payment) is { } refusal)
        {
            return new PaymentDecision.Refused(refusal);
        }
        if (payment.Pending is not { } pending)
        {
            return new PaymentDecision.Refused(new Refusal(RefusalKind.InvalidState,
                "No completed resolution waits for confirmation; propose one first (POST …/attention/resolve with outcome completed)."));
        }
        if (pending.By == caller.Actor)
        {
            return NotAllowed("The person who proposed a resolution cannot confirm it.",
                "Marking a payment completed needs two people (dual control): someone other than the proposer confirms it.");
        }
        if (payment.CreatedBy == caller.Actor)
        {
            return NotAllowed("The creator of a payment cannot confirm its resolution.",
                "The key that created this payment can never confirm it completed (dual control); another person must.");
        }
        var entry = new AttentionEntry(now, caller.Actor, "resolved_completed", note, pending.Evidence);
        return new PaymentDecision.Accepted(now, ResolvedCompleted,
            Move: new PaymentMove(PaymentStatus.Completed, PaymentTrigger.Resolve, $"Resolved as completed by {pending.By}, confirmed by {caller.Actor}: {pending.Reason}"),
            Attention: new AttentionChange(entry, PendingAfter: null));
    }

    private static PaymentDecision.Refused NotAllowed(string title, string detail) => new(new Refusal(RefusalKind.NotAllowed, detail, title));
}
