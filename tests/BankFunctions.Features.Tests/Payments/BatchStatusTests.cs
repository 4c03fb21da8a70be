using BankFunctions.Domain.Payments;
using BankFunctions.Features.Payments;

namespace BankFunctions.Features.Tests.Payments;

/// <summary>A batch's shown status (README "Batch status"): the header's until every item is terminal, then what became of the items.</summary>
public sealed class BatchStatusTests
{
    private static string Derive(string header, bool complete, params (string Status, int Count)[] counts) =>
        BatchStateMachine.Derive(BatchStatusNames.Parse(header), complete,
            counts.GroupBy(c => PaymentStatusNames.Parse(c.Status)).ToDictionary(g => g.Key, g => g.Sum(c => c.Count))).ToWire();

    [Theory]
    [InlineData("completed:3", "completed")]
    [InlineData("returned:2", "returned")]
    [InlineData("completed:2,returned:1", "partially_completed")]
    [InlineData("completed:1,rejected:1", "partially_completed")]
    [InlineData("returned:1,failed:2", "partially_completed")]
    [InlineData("completed:1,needs_attention:1", "partially_completed")]
    [InlineData("needs_attention:1,failed:2", "needs_attention")]
    [InlineData("needs_attention:1,rejected:1", "needs_attention")]
    [InlineData("rejected:3", "rejected")]
    [InlineData("cancelled:3", "cancelled")]
    [InlineData("rejected:1,cancelled:1", "failed")]
    [InlineData("failed:4", "failed")]
    [InlineData("rejected:2,failed:1", "failed")]
    public void Every_item_terminal_shows_what_became_of_them(string counts, string expected)
    {
        var parsed = counts.Split(',').Select(c => c.Split(':')).Select(p => (p[0], int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture))).ToArray();
        Assert.Equal(expected, Derive("approved", true, parsed));
    }

    [Theory]
    [InlineData("sent")]
    [InlineData("accepted")]
    [InlineData("signing")]
    [InlineData("approved")]
    [InlineData("pending_approval")]
    public void One_item_still_moving_keeps_the_header_status(string moving)
    {
        Assert.Equal("approved", Derive("approved", true, ("completed", 9), (moving, 1)));
    }

    [Fact]
    public void An_incomplete_or_empty_batch_keeps_the_header_status()
    {
        Assert.Equal("pending_approval", Derive("pending_approval", false, ("completed", 2)));
        Assert.Equal("approved", Derive("approved", true));
        Assert.Equal("approved", Derive("approved", true, ("completed", 0)));
    }

    [Fact]
    public void Zero_counts_do_not_keep_a_batch_moving()
    {
        Assert.Equal("completed", Derive("approved", true, ("completed", 2), ("sent", 0)));
    }

    [Fact]
    public void Every_derived_value_is_a_listed_batch_status()
    {
        string[] statuses = ["completed", "returned", "rejected", "cancelled", "failed", "needs_attention"];
        foreach (var a in statuses)
        {
            foreach (var b in statuses)
            {
                Assert.Contains(Derive("approved", true, (a, 1), (b, 1)), BatchStatusNames.All);
            }
        }
    }
}
