using BankFunctions.Features.Approvals;

namespace BankFunctions.Features.Payments;

/// <summary>What an approver is told when dual control refuses their approval, the same for a payment and a batch.</summary>
public static class ApprovalRefusals
{
    /// <summary>The refusal for <paramref name="verdict"/>, or null when the approval was recorded.</summary>
    /// <param name="subject">"payment" or "batch", as the messages name it.</param>
    public static Refusal? For(ApprovalPolicy.Verdict verdict, string subject) => verdict switch
    {
        ApprovalPolicy.Verdict.CreatorCannotApprove => new Refusal(RefusalKind.NotAllowed,
            $"The key that created this {subject} can never approve it (dual control); another approver must.", $"The creator of a {subject} cannot approve it."),
        ApprovalPolicy.Verdict.AlreadyApprovedByThisKey => new Refusal(RefusalKind.Conflict,
            $"This key has already approved the {subject}; another key must give the next approval."),
        _ => null,
    };

    /// <summary>The refusal of a workflow approval (issue #15): who may not approve is 403, "not now / not again" is 409.</summary>
    public static Refusal For(ApprovalOutcome.Refused refused, string subject) => refused.Reason switch
    {
        ApprovalRefusalReason.Creator => new Refusal(RefusalKind.NotAllowed,
            $"The key that created this {subject} can never approve it (dual control); another approver must.", $"The creator of a {subject} cannot approve it."),
        ApprovalRefusalReason.NotInGroup => new Refusal(RefusalKind.NotAllowed, refused.Detail, "Not in an approval group of this level."),
        ApprovalRefusalReason.AlreadyApproved => new Refusal(RefusalKind.Conflict,
            $"This key has already approved the {subject}; another key must give the next approval."),
        _ => new Refusal(RefusalKind.Conflict, refused.Detail),
    };
}
