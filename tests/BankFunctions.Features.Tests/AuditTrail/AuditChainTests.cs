using BankFunctions.Features.AuditTrail;
using BankFunctions.Features.Auth;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.Tests.AuditTrail;

/// <summary>
/// Issue #16 "Audit that proves itself": the hash chain the chainer folds rows into and the checkpoints it cuts, and
/// the signature over a checkpoint. Pure; storage is exercised by the host test AuditChainTamperTests.
/// </summary>
public sealed class AuditChainTests
{
    internal static readonly DateTimeOffset Now = new(2026, 3, 2, 10, 15, 0, TimeSpan.Zero);
    internal static readonly AuditSeal Seal = new(new AuditOptions { SealKey = new string('k', 32) });
    private static readonly Caller Admin = new(false, "t1", "key1", Role.Admin);

    /// <summary><paramref name="count"/> sealed rows of tenant t1, one millisecond apart, in id order.</summary>
    internal static List<AuditRow> Rows(int count, int startMs = 0) =>
        Enumerable.Range(startMs, count).Select(i => new AuditRows(Seal).Row("t1", Admin, "payment.created", $"pay_{i}", null, new { n = i }, Now.AddMilliseconds(i)))
            .OrderBy(r => r.RowKey, StringComparer.Ordinal).ToList();

    internal static List<AuditCheckpoint> Checkpoints(IEnumerable<AuditRow> rows, int perCheckpoint, AuditCheckpoint? head = null)
    {
        var fold = new AuditChainFold("t1", head, perCheckpoint, Now);
        var checkpoints = rows.Select(fold.Add).OfType<AuditCheckpoint>().ToList();
        if (fold.Finish() is { } rest)
        {
            checkpoints.Add(rest);
        }
        return checkpoints;
    }

    [Fact]
    public void Seven_rows_at_three_per_checkpoint_give_three_linked_checkpoints_counting_the_rows()
    {
        var rows = Rows(7);

        var checkpoints = Checkpoints(rows, 3);

        Assert.Equal([1L, 2L, 3L], checkpoints.Select(c => c.Sequence));
        Assert.Equal([3L, 6L, 7L], checkpoints.Select(c => c.Count));
        Assert.Equal([rows[2].AuditId, rows[5].AuditId, rows[6].AuditId], checkpoints.Select(c => c.LastAuditId));
        Assert.Equal(AuditChain.Genesis, checkpoints[0].PreviousChainHash);
        Assert.Equal(checkpoints[0].ChainHash, checkpoints[1].PreviousChainHash);
        Assert.Equal(checkpoints[1].ChainHash, checkpoints[2].PreviousChainHash);
        Assert.Equal(rows.Aggregate(AuditChain.Genesis, AuditChain.Next), checkpoints[2].ChainHash);
    }

    [Fact]
    public void Carrying_on_from_a_head_gives_the_same_chain_as_one_run_over_every_row()
    {
        var rows = Rows(7);
        var once = Checkpoints(rows, 3);

        var first = Checkpoints(rows.Take(3), 3);
        var rest = Checkpoints(rows.Skip(3), 3, head: first[^1]);

        Assert.Equal(once, first.Concat(rest));
    }

    [Fact]
    public void Rows_at_or_before_the_head_or_out_of_order_are_refused()
    {
        var rows = Rows(4);
        var head = Checkpoints(rows.Take(2), 10)[0];

        Assert.Throws<InvalidOperationException>(() => new AuditChainFold("t1", head, 10, Now).Add(rows[1]));
        var fold = new AuditChainFold("t1", head, 10, Now);
        fold.Add(rows[3]);
        Assert.Throws<InvalidOperationException>(() => fold.Add(rows[2]));
    }

    [Fact]
    public void No_rows_no_checkpoint()
    {
        Assert.Null(new AuditChainFold("t1", null, 3, Now).Finish());
    }

    [Fact]
    public void The_link_depends_on_order_row_key_content_and_seal()
    {
        var rows = Rows(2);
        var inOrder = AuditChain.Next(AuditChain.Next(AuditChain.Genesis, rows[0]), rows[1]);
        Assert.NotEqual(inOrder, AuditChain.Next(AuditChain.Next(AuditChain.Genesis, rows[1]), rows[0]));

        var moved = Rows(1)[0];
        moved.RowKey += "x";
        Assert.NotEqual(AuditChain.Next(AuditChain.Genesis, Rows(1)[0]), AuditChain.Next(AuditChain.Genesis, moved));
        var resealed = rows[0];
        var before = AuditChain.Next(AuditChain.Genesis, resealed);
        resealed.Seal = new string('0', 64);
        Assert.NotEqual(before, AuditChain.Next(AuditChain.Genesis, resealed));
    }

    [Fact]
    public void A_checkpoint_verifies_with_its_signature_and_not_once_any_field_changed_or_under_another_key()
    {
        var checkpoint = Checkpoints(Rows(3), 3)[0];
        var signer = new AuditCheckpointSigner(Seal);
        var signature = signer.Sign(checkpoint);

        Assert.True(signer.Verify(checkpoint, signature));
        Assert.False(signer.Verify(checkpoint with { Count = 2 }, signature));
        Assert.False(signer.Verify(checkpoint with { Tenant = "t2" }, signature));
        Assert.False(signer.Verify(checkpoint with { ChainHash = AuditChain.Genesis }, signature));
        Assert.False(signer.Verify(checkpoint with { At = checkpoint.At.AddMilliseconds(1) }, signature));
        Assert.False(signer.Verify(checkpoint, null));
        Assert.False(new AuditCheckpointSigner(new AuditSeal(new AuditOptions { SealKey = new string('j', 32) })).Verify(checkpoint, signature));
    }
}
