using BankFunctions.Features.Approvals;
using BankFunctions.Features.Payments;

namespace BankFunctions.Features.Counterparties;

/// <summary>
/// Approving or rejecting a pending counterparty account: the same dual control as payments
/// (<see cref="ApprovalPolicy.Approve"/>): whoever added or changed the account never approves it, and each approval
/// comes from another key. Pure.
/// </summary>
public static class AccountApproval
{
    public abstract record Decision;

    public sealed record Refused(Refusal Refusal) : Decision;

    /// <param name="Action">The audit action: counterparty.account-approved, -approval-recorded or -rejected.</param>
    public sealed record Accepted(CounterpartyAccount Account, string Action) : Decision;

    public static Decision Approve(CounterpartyAccount account, string actor, string? reason, DateTimeOffset now)
    {
        if (account.Status != CounterpartyWire.PendingApproval)
        {
            return NotPending(account);
        }
        var verdict = ApprovalPolicy.Approve(account.RequestedBy, account.Approvals, account.ApprovalsRequired, actor);
        if (ApprovalRefusals.For(verdict, "counterparty account") is { } refusal)
        {
            return new Refused(refusal);
        }
        var approvals = account.Approvals.Append(actor).ToList();
        return verdict == ApprovalPolicy.Verdict.Approved
            ? new Accepted(account with { Status = CounterpartyWire.Approved, Approvals = approvals, DecidedAt = now, DecisionReason = reason, FirstPaymentId = null },
                "counterparty.account-approved")
            : new Accepted(account with { Approvals = approvals }, "counterparty.account-approval-recorded");
    }

    /// <summary>Any approver other than the requester may reject; a rejected account is never paid to until changed again.</summary>
    public static Decision Reject(CounterpartyAccount account, string actor, string? reason, DateTimeOffset now)
    {
        if (account.Status != CounterpartyWire.PendingApproval)
        {
            return NotPending(account);
        }
        if (actor == account.RequestedBy)
        {
            return new Refused(new Refusal(RefusalKind.NotAllowed,
                "The key that added or changed this counterparty account cannot decide on it (dual control); another approver must.",
                "The requester of an account change cannot decide on it."));
        }
        return new Accepted(account with { Status = CounterpartyWire.Rejected, DecidedAt = now, DecisionReason = reason }, "counterparty.account-rejected");
    }

    private static Refused NotPending(CounterpartyAccount account) => new(new Refusal(RefusalKind.InvalidState,
        $"The account is {account.Status}; only pending_approval accounts can be approved or rejected."));
}
