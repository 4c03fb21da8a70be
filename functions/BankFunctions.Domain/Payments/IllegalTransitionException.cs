namespace BankFunctions.Domain.Payments;

/// <summary>
/// A move a state machine refused (<see cref="PaymentStateMachine"/>, <see cref="BatchStateMachine"/>);
/// <see cref="Code"/> names the error for logs and problem details: "payment.illegal_transition", "batch.illegal_transition".
/// </summary>
public sealed class IllegalTransitionException<TStatus>(string subject, TStatus from, TStatus to, PaymentTrigger trigger, string fromWire, string toWire)
    : InvalidOperationException($"A {subject} cannot move from {fromWire} to {toWire} by {trigger}.")
    where TStatus : struct, Enum
{
    public string Code { get; } = subject + ".illegal_transition";

    public TStatus From { get; } = from;
    public TStatus To { get; } = to;
    public PaymentTrigger Trigger { get; } = trigger;
}
