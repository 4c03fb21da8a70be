using BankFunctions.Domain.Payments;
using Xunit;

namespace BankFunctions.Domain.Tests;

/// <summary>A batch header's moves (API.md "Batch status"), every combination against a table written out here.</summary>
public sealed class BatchStateMachineTests
{
    private static readonly HashSet<(BatchStatus From, BatchStatus To, PaymentTrigger By)> Legal =
    [
        (BatchStatus.PendingApproval, BatchStatus.Approved, PaymentTrigger.Approve),
        (BatchStatus.PendingApproval, BatchStatus.Rejected, PaymentTrigger.Reject),
        (BatchStatus.PendingApproval, BatchStatus.Cancelled, PaymentTrigger.Cancel),
        (BatchStatus.Approved, BatchStatus.Cancelled, PaymentTrigger.Cancel),
    ];

    [Fact]
    public void Every_combination_is_allowed_exactly_when_the_table_lists_it()
    {
        foreach (var trigger in Enum.GetValues<PaymentTrigger>())
        {
            foreach (var from in Enum.GetValues<BatchStatus>())
            {
                foreach (var to in Enum.GetValues<BatchStatus>())
                {
                    var legal = Legal.Contains((from, to, trigger));
                    Assert.True(BatchStateMachine.CanMove(from, to, trigger) == legal, $"{from} → {to} by {trigger}");
                    if (legal)
                    {
                        Assert.Equal(to, BatchStateMachine.Move(from, to, trigger));
                    }
                    else
                    {
                        var refused = Assert.Throws<IllegalTransitionException<BatchStatus>>(() => BatchStateMachine.Move(from, to, trigger));
                        Assert.Equal((from, to, trigger), (refused.From, refused.To, refused.Trigger));
                        Assert.Equal("batch.illegal_transition", refused.Code);
                    }
                }
            }
        }
    }

    [Fact]
    public void Wire_names_are_the_contract_strings_and_round_trip()
    {
        string[] contract = ["pending_approval", "approved", "completed", "partially_completed", "rejected", "cancelled", "failed", "returned", "needs_attention"];
        Assert.Equal(contract, BatchStatusNames.All);
        Assert.All(Enum.GetValues<BatchStatus>(), s => Assert.Equal(s, BatchStatusNames.Parse(s.ToWire())));
        Assert.Null(BatchStatusNames.TryParse("signing"));
        Assert.Throws<FormatException>(() => BatchStatusNames.Parse("sent"));
    }

    [Fact]
    public void A_batch_shares_its_items_wire_names_for_the_statuses_both_have()
    {
        foreach (var name in BatchStatusNames.All.Where(n => n != "partially_completed"))
        {
            Assert.NotNull(PaymentStatusNames.TryParse(name));
        }
    }

    [Theory]
    [InlineData(0, BatchStatus.Approved)]
    [InlineData(2, BatchStatus.PendingApproval)]
    public void A_new_batch_starts_approved_only_when_no_approval_is_required(int required, BatchStatus expected) =>
        Assert.Equal(expected, BatchStateMachine.Initial(required));
}
