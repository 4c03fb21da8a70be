using Azure;
using Azure.Data.Tables;
using BankFunctions.Features.Events;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Tests.Events;

/// <summary>The sequencer's one transaction: numbers from the counter on, deletes under ETags, never over 100 entities.</summary>
public sealed class SequenceEventsPlanTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 10, 15, 0, TimeSpan.Zero);

    private static PendingEventRow Pending(string auditId, int events)
    {
        var row = EventRows.PendingRow("t1", auditId, Enumerable.Range(0, events).Select(i => new EventDraft("payment.sent", $"pay_{auditId}_{i}", new { id = i })).ToList(), Now);
        row.ETag = new ETag("W/\"" + auditId + "\"");
        return row;
    }

    [Fact]
    public void The_first_events_of_a_tenant_are_numbered_from_one_and_create_the_counter()
    {
        var (actions, feed) = SequenceEvents.Plan("t1", null, [Pending("a1", 2), Pending("a2", 1)]);

        Assert.Equal([1L, 2, 3], feed.Select(f => f.Sequence));
        Assert.Equal(["evt|0000000000000000001", "evt|0000000000000000002", "evt|0000000000000000003"], feed.Select(f => f.RowKey));
        var counter = actions[^1];
        Assert.Equal(TableTransactionActionType.Add, counter.ActionType);
        Assert.Equal(3, ((EventCounterRow)counter.Entity).Last);
        Assert.Equal(2, actions.Count(a => a.ActionType == TableTransactionActionType.Delete));
    }

    [Fact]
    public void Later_events_continue_from_the_counter_under_its_etag()
    {
        var counter = new EventCounterRow { PartitionKey = "t1", RowKey = "evctr", Last = 41, ETag = new ETag("W/\"c\"") };

        var (actions, feed) = SequenceEvents.Plan("t1", counter, [Pending("a1", 1)]);

        Assert.Equal(42, Assert.Single(feed).Sequence);
        Assert.Equal(TableTransactionActionType.UpdateReplace, actions[^1].ActionType);
        Assert.Equal(counter.ETag, actions[^1].ETag);
        Assert.Equal(new ETag("W/\"a1\""), actions.Single(a => a.ActionType == TableTransactionActionType.Delete).ETag);
    }

    [Fact]
    public void Pending_rows_that_would_pass_100_entities_wait_for_the_next_transaction()
    {
        var (actions, feed) = SequenceEvents.Plan("t1", null, [Pending("a1", 60), Pending("a2", 60), Pending("a3", 1)]);

        Assert.Equal(60, feed.Count);
        Assert.True(actions.Count <= 100);
        Assert.Equal(62, actions.Count);

        var (full, _) = SequenceEvents.Plan("t1", null, [Pending("a1", SequenceEvents.MaxEventsPerTransaction)]);
        Assert.Equal(100, full.Count);
    }
}
