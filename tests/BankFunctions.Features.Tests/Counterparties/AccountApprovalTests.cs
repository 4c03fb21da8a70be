using BankFunctions.Features.Counterparties;
using BankFunctions.Features.Payments;

namespace BankFunctions.Features.Tests.Counterparties;

/// <summary>Dual control of a new or changed counterparty account, the same as for payments.</summary>
public sealed class AccountApprovalTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 8, 0, 0, TimeSpan.Zero);

    private static CounterpartyAccount Pending(int required) => new("cpa_1", "iban", "GB82WEST12345698765432", null, null, null, null, null,
        CounterpartyWire.PendingApproval, required, [], "key_requester", Now);

    [Fact]
    public void The_requester_never_approves_nor_rejects()
    {
        var approve = Assert.IsType<AccountApproval.Refused>(AccountApproval.Approve(Pending(1), "key_requester", null, Now));
        Assert.Equal(RefusalKind.NotAllowed, approve.Refusal.Kind);
        var reject = Assert.IsType<AccountApproval.Refused>(AccountApproval.Reject(Pending(1), "key_requester", null, Now));
        Assert.Equal(RefusalKind.NotAllowed, reject.Refusal.Kind);
    }

    [Fact]
    public void Two_approvals_come_from_two_keys_and_the_last_approves()
    {
        var first = Assert.IsType<AccountApproval.Accepted>(AccountApproval.Approve(Pending(2), "key_a", null, Now));
        Assert.Equal(("counterparty.account-approval-recorded", CounterpartyWire.PendingApproval), (first.Action, first.Account.Status));

        var again = Assert.IsType<AccountApproval.Refused>(AccountApproval.Approve(first.Account, "key_a", null, Now));
        Assert.Equal(RefusalKind.Conflict, again.Refusal.Kind);

        var second = Assert.IsType<AccountApproval.Accepted>(AccountApproval.Approve(first.Account, "key_b", "checked by phone", Now));
        Assert.Equal(("counterparty.account-approved", CounterpartyWire.Approved, "checked by phone"), (second.Action, second.Account.Status, second.Account.DecisionReason));
        Assert.Equal(["key_a", "key_b"], second.Account.Approvals);
        Assert.Equal(Now, second.Account.DecidedAt);
    }

    [Fact]
    public void Only_a_pending_account_is_decided_on()
    {
        var rejected = Assert.IsType<AccountApproval.Accepted>(AccountApproval.Reject(Pending(1), "key_a", "wrong IBAN", Now));
        Assert.Equal(CounterpartyWire.Rejected, rejected.Account.Status);
        Assert.Equal(RefusalKind.InvalidState, Assert.IsType<AccountApproval.Refused>(AccountApproval.Approve(rejected.Account, "key_b", null, Now)).Refusal.Kind);
        Assert.Equal(RefusalKind.InvalidState, Assert.IsType<AccountApproval.Refused>(AccountApproval.Reject(rejected.Account, "key_b", null, Now)).Refusal.Kind);
    }
}
