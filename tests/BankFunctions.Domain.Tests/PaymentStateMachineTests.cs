using BankFunctions.Domain.Payments;
using Xunit;

namespace BankFunctions.Domain.Tests;

/// <summary>
/// Every (from, to, trigger) combination of the payment state machine against a table written out here from API.md
/// "Statuses" and the rules the code had before #12 (PaymentStatusRules for the bank's moves, the API actions' checks),
/// independently of the implementation: a move not listed must be refused with the named error.
/// </summary>
public sealed class PaymentStateMachineTests
{
    private const PaymentStatus Pending = PaymentStatus.PendingApproval;
    private const PaymentStatus Approved = PaymentStatus.Approved;
    private const PaymentStatus Signing = PaymentStatus.Signing;
    private const PaymentStatus Sent = PaymentStatus.Sent;
    private const PaymentStatus Accepted = PaymentStatus.Accepted;
    private const PaymentStatus Completed = PaymentStatus.Completed;
    private const PaymentStatus Rejected = PaymentStatus.Rejected;
    private const PaymentStatus Cancelled = PaymentStatus.Cancelled;
    private const PaymentStatus Returned = PaymentStatus.Returned;
    private const PaymentStatus Failed = PaymentStatus.Failed;
    private const PaymentStatus NeedsAttention = PaymentStatus.NeedsAttention;
    private const PaymentStatus ScreeningHold = PaymentStatus.ScreeningHold;

    private static readonly PaymentStatus[] Every = Enum.GetValues<PaymentStatus>();

    /// <summary>The legal moves, and only they.</summary>
    private static readonly HashSet<(PaymentStatus From, PaymentStatus To, PaymentTrigger By)> Legal =
    [
        (Pending, Approved, PaymentTrigger.Approve),
        (Pending, Rejected, PaymentTrigger.Reject),
        (Pending, Cancelled, PaymentTrigger.Cancel),
        (Approved, Cancelled, PaymentTrigger.Cancel),
        (Signing, Cancelled, PaymentTrigger.Cancel), // only with its prepared single-payment file: checked by the caller
        (Approved, Signing, PaymentTrigger.StartSigning),
        (Approved, Pending, PaymentTrigger.RequireApproval),
        (Signing, Sent, PaymentTrigger.Send),

        // The bank: forward only, a refusal while it has the payment, a return after it paid.
        (Signing, Sent, PaymentTrigger.BankReport),
        (Signing, Accepted, PaymentTrigger.BankReport),
        (Signing, Completed, PaymentTrigger.BankReport),
        (Sent, Accepted, PaymentTrigger.BankReport),
        (Sent, Completed, PaymentTrigger.BankReport),
        (Accepted, Completed, PaymentTrigger.BankReport),
        (Signing, Rejected, PaymentTrigger.BankReport),
        (Sent, Rejected, PaymentTrigger.BankReport),
        (Accepted, Rejected, PaymentTrigger.BankReport),
        (Signing, Failed, PaymentTrigger.BankReport),
        (Sent, Failed, PaymentTrigger.BankReport),
        (Accepted, Failed, PaymentTrigger.BankReport),
        (Sent, Returned, PaymentTrigger.BankReport),
        (Accepted, Returned, PaymentTrigger.BankReport),
        (Completed, Returned, PaymentTrigger.BankReport),
        // A report of the status it has (a new code: ACTC → ACSP, both accepted) is allowed for every status.
        (Pending, Pending, PaymentTrigger.BankReport),
        (Approved, Approved, PaymentTrigger.BankReport),
        (Signing, Signing, PaymentTrigger.BankReport),
        (Sent, Sent, PaymentTrigger.BankReport),
        (Accepted, Accepted, PaymentTrigger.BankReport),
        (Completed, Completed, PaymentTrigger.BankReport),
        (Rejected, Rejected, PaymentTrigger.BankReport),
        (Cancelled, Cancelled, PaymentTrigger.BankReport),
        (Returned, Returned, PaymentTrigger.BankReport),
        (Failed, Failed, PaymentTrigger.BankReport),
        (NeedsAttention, NeedsAttention, PaymentTrigger.BankReport),
        (ScreeningHold, ScreeningHold, PaymentTrigger.BankReport),

        // A statement booking: completes what the bank has, returns what it paid (退票).
        (Signing, Completed, PaymentTrigger.Booking),
        (Sent, Completed, PaymentTrigger.Booking),
        (Accepted, Completed, PaymentTrigger.Booking),
        (Sent, Returned, PaymentTrigger.Booking),
        (Accepted, Returned, PaymentTrigger.Booking),
        (Completed, Returned, PaymentTrigger.Booking),

        // Giving up on anything not final.
        (Pending, NeedsAttention, PaymentTrigger.GiveUp),
        (Approved, NeedsAttention, PaymentTrigger.GiveUp),
        (Signing, NeedsAttention, PaymentTrigger.GiveUp),
        (Sent, NeedsAttention, PaymentTrigger.GiveUp),
        (Accepted, NeedsAttention, PaymentTrigger.GiveUp),
        (ScreeningHold, NeedsAttention, PaymentTrigger.GiveUp),

        // Resolving needs_attention (issue #17): the bank's final answer to a person's status query, or the person.
        (NeedsAttention, Completed, PaymentTrigger.Requery),
        (NeedsAttention, Rejected, PaymentTrigger.Requery),
        (NeedsAttention, Failed, PaymentTrigger.Requery),
        (NeedsAttention, Returned, PaymentTrigger.Requery),
        (NeedsAttention, Completed, PaymentTrigger.Resolve),
        (NeedsAttention, Failed, PaymentTrigger.Resolve),

        // Screening (issue #17): a hit at the sign stage holds it; an admin clears it (back to approved) or rejects it.
        (Approved, ScreeningHold, PaymentTrigger.ScreeningHit),
        (ScreeningHold, Approved, PaymentTrigger.ClearScreening),
        (ScreeningHold, Rejected, PaymentTrigger.RejectScreening),
    ];

    public static TheoryData<PaymentTrigger> Triggers() => new(Enum.GetValues<PaymentTrigger>());

    [Theory]
    [MemberData(nameof(Triggers))]
    public void Every_combination_is_allowed_exactly_when_the_table_lists_it(PaymentTrigger trigger)
    {
        var wrong = new List<string>();
        foreach (var from in Every)
        {
            foreach (var to in Every)
            {
                var expected = Legal.Contains((from, to, trigger));
                if (PaymentStateMachine.CanMove(from, to, trigger) != expected)
                {
                    wrong.Add($"{from.ToWire()} → {to.ToWire()} by {trigger}: expected {(expected ? "legal" : "illegal")}");
                }
            }
        }
        Assert.Empty(wrong);
    }

    [Theory]
    [MemberData(nameof(Triggers))]
    public void Move_returns_the_target_of_a_legal_move_and_names_the_error_of_an_illegal_one(PaymentTrigger trigger)
    {
        foreach (var from in Every)
        {
            foreach (var to in Every)
            {
                if (Legal.Contains((from, to, trigger)))
                {
                    Assert.Equal(to, PaymentStateMachine.Move(from, to, trigger));
                    continue;
                }
                var refused = Assert.Throws<IllegalTransitionException<PaymentStatus>>(() => PaymentStateMachine.Move(from, to, trigger));
                Assert.Equal((from, to, trigger), (refused.From, refused.To, refused.Trigger));
                Assert.Equal($"A payment cannot move from {from.ToWire()} to {to.ToWire()} by {trigger}.", refused.Message);
                Assert.Equal("payment.illegal_transition", refused.Code);
            }
        }
    }

    [Fact]
    public void The_table_covers_every_trigger_and_every_status()
    {
        Assert.Equal(Enum.GetValues<PaymentTrigger>().ToHashSet(), Legal.Select(m => m.By).ToHashSet());
        Assert.Equal(Every.ToHashSet(), Legal.Select(m => m.From).Concat(Legal.Select(m => m.To)).ToHashSet());
    }

    [Fact]
    public void Final_statuses_are_the_exits()
    {
        var final = Every.Where(PaymentStateMachine.IsFinal).ToHashSet();
        Assert.Equal(new HashSet<PaymentStatus> { Completed, Rejected, Cancelled, Returned, Failed, NeedsAttention }, final);
    }

    [Fact]
    public void Cancellable_before_signing_only_while_pending_or_approved()
    {
        Assert.Equal(new HashSet<PaymentStatus> { Pending, Approved }, Every.Where(PaymentStateMachine.IsCancellableBeforeSigning).ToHashSet());
    }

    [Theory]
    [InlineData(0, PaymentStatus.Approved)]
    [InlineData(1, PaymentStatus.PendingApproval)]
    [InlineData(2, PaymentStatus.PendingApproval)]
    public void A_new_payment_starts_approved_only_when_no_approval_is_required(int required, PaymentStatus expected) =>
        Assert.Equal(expected, PaymentStateMachine.Initial(required));

    [Fact]
    public void Wire_names_are_the_contract_strings_and_round_trip()
    {
        string[] contract = ["pending_approval", "approved", "signing", "sent", "accepted", "completed", "rejected", "cancelled", "returned", "failed", "needs_attention", "screening_hold"];
        Assert.Equal(contract, Every.Select(s => s.ToWire()));
        Assert.Equal(contract, PaymentStatusNames.All);
        Assert.All(Every, s => Assert.Equal(s, PaymentStatusNames.Parse(s.ToWire())));
        Assert.Null(PaymentStatusNames.TryParse("Approved"));
        Assert.Null(PaymentStatusNames.TryParse("partially_completed"));
        Assert.Null(PaymentStatusNames.TryParse(null));
        Assert.Throws<FormatException>(() => PaymentStatusNames.Parse("done"));
    }
}
