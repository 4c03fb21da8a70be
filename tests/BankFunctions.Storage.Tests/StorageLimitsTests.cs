using Azure.Data.Tables;
using BankFunctions.Storage.Guard;
using BankFunctions.Storage.Rows;
using Xunit;

namespace BankFunctions.Storage.Tests;

/// <summary>Each Azure limit that Azurite does not enforce: exactly at the limit passes, one over fails.</summary>
public sealed class StorageLimitsTests
{
    private static TableEntity Entity(string pk = "p", string rk = "r") => new(pk, rk);

    [Fact]
    public void Key_length_limit()
    {
        StorageLimits.CheckEntity(Entity(new string('a', 512)));
        Assert.Throws<StorageLimitException>(() => StorageLimits.CheckEntity(Entity(new string('a', 513))));
        Assert.Throws<StorageLimitException>(() => StorageLimits.CheckEntity(Entity("p", new string('a', 513))));
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("a#b")]
    [InlineData("a?b")]
    [InlineData("a\u0001b")]
    [InlineData("a\u007Fb")]
    [InlineData("a\u009Fb")]
    public void Forbidden_key_characters(string key)
    {
        Assert.Throws<StorageLimitException>(() => StorageLimits.CheckEntity(Entity(key)));
        Assert.Throws<StorageLimitException>(() => StorageLimits.CheckEntity(Entity("p", key)));
    }

    [Fact]
    public void String_property_limit()
    {
        var ok = Entity();
        ok["S"] = new string('x', 32 * 1024);
        StorageLimits.CheckEntity(ok);
        var over = Entity();
        over["S"] = new string('x', (32 * 1024) + 1);
        Assert.Throws<StorageLimitException>(() => StorageLimits.CheckEntity(over));
    }

    [Fact]
    public void Binary_property_limit()
    {
        var ok = Entity();
        ok["B"] = new byte[64 * 1024];
        StorageLimits.CheckEntity(ok);
        var over = Entity();
        over["B"] = new byte[(64 * 1024) + 1];
        Assert.Throws<StorageLimitException>(() => StorageLimits.CheckEntity(over));
    }

    [Fact]
    public void Property_count_limit()
    {
        var ok = Entity();
        for (var i = 0; i < 252; i++) ok["P" + i] = i;
        StorageLimits.CheckEntity(ok);
        ok["P252"] = 1;
        Assert.Throws<StorageLimitException>(() => StorageLimits.CheckEntity(ok));
    }

    [Fact]
    public void Entity_size_limit_by_the_documented_formula()
    {
        // 4 + 2*(1+1) = 8 bytes of keys; each 32,768-char string named "Sxx" costs 8 + 6 + 4 + 65,536 = 65,554 bytes.
        var entity = Entity();
        for (var i = 0; i < 15; i++) entity[$"S{i:D2}"] = new string('x', 32 * 1024);
        Assert.Equal(8 + (15 * 65_554), StorageLimits.CheckEntity(entity));
        entity["S15"] = new string('x', 32 * 1024);
        entity["S16"] = new string('x', 1000);
        Assert.Throws<StorageLimitException>(() => StorageLimits.CheckEntity(entity));
    }

    [Fact]
    public void Typed_rows_are_measured_too()
    {
        var row = new AuditRow { PartitionKey = "t", RowKey = "audit|1", Before = new string('b', (32 * 1024) + 1) };
        Assert.Throws<StorageLimitException>(() => StorageLimits.CheckEntity(row));
    }

    [Fact]
    public void Batch_count_partition_and_duplicate_limits()
    {
        var hundred = Enumerable.Range(0, 100).Select(i => new TableTransactionAction(TableTransactionActionType.Add, Entity("p", "r" + i))).ToList();
        StorageLimits.CheckBatch(hundred);
        hundred.Add(new TableTransactionAction(TableTransactionActionType.Add, Entity("p", "r100")));
        Assert.Throws<StorageLimitException>(() => StorageLimits.CheckBatch(hundred));

        Assert.Throws<StorageLimitException>(() => StorageLimits.CheckBatch(
            [new(TableTransactionActionType.Add, Entity("p", "a")), new(TableTransactionActionType.Add, Entity("q", "b"))]));
        Assert.Throws<StorageLimitException>(() => StorageLimits.CheckBatch(
            [new(TableTransactionActionType.Add, Entity("p", "a")), new(TableTransactionActionType.UpsertMerge, Entity("p", "a"))]));
        Assert.Throws<StorageLimitException>(() => StorageLimits.CheckBatch([]));
    }

    [Fact]
    public void Batch_payload_limit()
    {
        // 5 entities of ~983 KB each pass one by one but exceed 4 MiB together.
        var actions = Enumerable.Range(0, 5).Select(i =>
        {
            var e = Entity("p", "r" + i);
            for (var j = 0; j < 15; j++) e[$"S{j:D2}"] = new string('x', 32 * 1024);
            return new TableTransactionAction(TableTransactionActionType.Add, e);
        }).ToList();
        StorageLimits.CheckBatch(actions.Take(4).ToList());
        Assert.Throws<StorageLimitException>(() => StorageLimits.CheckBatch(actions));
    }

    [Fact]
    public void Queue_message_limit()
    {
        StorageLimits.CheckQueueMessage(new string('m', 48 * 1024));
        Assert.Throws<StorageLimitException>(() => StorageLimits.CheckQueueMessage(new string('m', (48 * 1024) + 1)));
        Assert.Throws<StorageLimitException>(() => StorageLimits.CheckQueueMessage(new string('中', 16 * 1024 + 1)));
    }
}
