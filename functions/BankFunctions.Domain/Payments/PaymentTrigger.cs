namespace BankFunctions.Domain.Payments;

/// <summary>What moves a payment: a person's action through the API, a pipeline stage, the bank, or a statement.</summary>
public enum PaymentTrigger
{
    /// <summary>The last approval a payment needs (dual control).</summary>
    Approve,
    /// <summary>An approver refuses it.</summary>
    Reject,
    /// <summary>The submitter (or an admin) withdraws it before it reaches the bank.</summary>
    Cancel,
    /// <summary>The sign stage takes it into a bank file.</summary>
    StartSigning,
    /// <summary>The approval rules were tightened after approval: it needs more approvals before anything is sent.</summary>
    RequireApproval,
    /// <summary>The bank took its file.</summary>
    Send,
    /// <summary>What the bank says about it (send answer, status report, refusal of the whole file).</summary>
    BankReport,
    /// <summary>A statement entry books it (or books its return, 退票).</summary>
    Booking,
    /// <summary>The pipeline cannot finish it without a person (poison message, no final status in time).</summary>
    GiveUp,
    /// <summary>The bank's answer to a status query a person asked for on a payment in needs_attention (issue #17).</summary>
    Requery,
    /// <summary>A person settles a needs_attention payment: failed at once, completed only under dual control (issue #17).</summary>
    Resolve,
    /// <summary>The sign stage found the creditor's name on a sanctions list above the threshold: it is held, not sent (issue #17).</summary>
    ScreeningHit,
    /// <summary>An admin clears a screening hit with a reason: back to approved, into the sign stage again.</summary>
    ClearScreening,
    /// <summary>An admin confirms a screening hit with a reason: the payment is rejected for good.</summary>
    RejectScreening,
}
