using BankFunctions.Domain.Payments;
using Xunit;

namespace BankFunctions.Domain.Tests;

/// <summary>The batch status rule (<see cref="BatchStateMachine.Derive"/>), without storage.</summary>
public sealed class BatchDerivationTests
{
    private static Dictionary<PaymentStatus, int> Counts(params (string Status, int Count)[] counts) =>
        counts.ToDictionary(c => PaymentStatusNames.Parse(c.Status), c => c.Count);

    private static string Derive(string header, bool complete, IReadOnlyDictionary<PaymentStatus, int> counts) =>
        BatchStateMachine.Derive(BatchStatusNames.Parse(header), complete, counts).ToWire();

    [Theory]
    [InlineData("completed", "completed:3")]
    [InlineData("partially_completed", "completed:2", "rejected:1")]
    [InlineData("partially_completed", "completed:1", "returned:1")]
    [InlineData("partially_completed", "completed:1", "needs_attention:1")]
    [InlineData("returned", "returned:2")]
    [InlineData("rejected", "rejected:3")]
    [InlineData("cancelled", "cancelled:3")]
    [InlineData("failed", "rejected:1", "failed:1")]
    [InlineData("failed", "rejected:1", "cancelled:1")]
    [InlineData("needs_attention", "rejected:1", "needs_attention:1")]
    public void All_items_terminal_gives_what_became_of_them(string expected, params string[] counts)
    {
        var parsed = counts.Select(c => c.Split(':')).ToDictionary(c => PaymentStatusNames.Parse(c[0]), c => int.Parse(c[1], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(expected, Derive("approved", complete: true, parsed));
    }

    [Fact]
    public void Items_still_moving_keep_the_header_status()
    {
        Assert.Equal("approved", Derive("approved", true, Counts(("completed", 2), ("sent", 1))));
        Assert.Equal("approved", Derive("approved", true, Counts(("completed", 2), ("signing", 1), ("rejected", 0))));
        Assert.Equal("pending_approval", Derive("pending_approval", true, Counts(("pending_approval", 3))));
    }

    [Fact]
    public void An_incomplete_or_empty_batch_keeps_the_header_status()
    {
        Assert.Equal("approved", Derive("approved", complete: false, Counts(("completed", 2))));
        Assert.Equal("approved", Derive("approved", complete: true, Counts()));
    }

    [Fact]
    public void Every_derived_status_is_listed()
    {
        foreach (var status in new[] { "completed", "partially_completed", "returned", "rejected", "cancelled", "failed", "needs_attention" })
        {
            Assert.Contains(status, BatchStatusNames.All);
        }
    }
}
