using BankFunctions.Features.AuditTrail;
using BankFunctions.Storage.Rows;
using static BankFunctions.Features.Tests.AuditTrail.AuditChainTests;

namespace BankFunctions.Features.Tests.AuditTrail;

/// <summary>
/// The verify decision: rows recomputed against the checkpoints, and the first broken link named for a deleted, edited,
/// swapped or late row and for a missing, forged or unlinked checkpoint.
/// </summary>
public sealed class AuditChainVerifierTests
{
    private static List<CheckpointEvidence> Evidence(IEnumerable<AuditCheckpoint> checkpoints) =>
        checkpoints.Select(c => new CheckpointEvidence(c.Sequence, CheckpointBlobState.Valid, c, c)).ToList();

    private static AuditChainVerdict Verify(IEnumerable<AuditRow> rows, IEnumerable<CheckpointEvidence> evidence)
    {
        var verifier = new AuditChainVerifier("t1", evidence, Seal.Verify);
        foreach (var row in rows.OrderBy(r => r.RowKey, StringComparer.Ordinal))
        {
            verifier.Add(row);
        }
        return verifier.Finish();
    }

    [Fact]
    public void An_intact_trail_is_valid_with_the_rows_after_the_last_checkpoint_counted_as_only_sealed()
    {
        var rows = Rows(9);
        var checkpoints = Checkpoints(rows.Take(7), 3);

        var verdict = Verify(rows, Evidence(checkpoints));

        Assert.True(verdict.Valid, verdict.FirstBrokenLink?.Detail);
        Assert.Equal((9, 3, rows[6].AuditId, 2), (verdict.Checked, verdict.Checkpoints, verdict.ChainedThrough, verdict.Uncheckpointed));
    }

    [Fact]
    public void A_deleted_row_is_located_between_the_two_checkpoints_around_it()
    {
        var rows = Rows(9);
        var checkpoints = Checkpoints(rows, 3);
        rows.RemoveAt(4);

        var link = Verify(rows, Evidence(checkpoints)).FirstBrokenLink!;

        Assert.Equal(("rows_missing", 2L, rows[2].AuditId, checkpoints[1].LastAuditId), (link.Kind, link.Checkpoint, link.After, link.Through));
        Assert.Contains("1 audit row(s) missing", link.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(8)]
    public void Deleting_the_first_or_the_last_checkpointed_row_is_detected(int index)
    {
        var rows = Rows(9);
        var checkpoints = Checkpoints(rows, 3);
        rows.RemoveAt(index);

        var link = Verify(rows, Evidence(checkpoints)).FirstBrokenLink!;

        Assert.Equal(("rows_missing", index == 0 ? 1L : 3L), (link.Kind, link.Checkpoint));
    }

    [Fact]
    public void A_row_deleted_after_the_last_checkpoint_is_not_detected_until_a_checkpoint_covers_it()
    {
        var rows = Rows(9);
        var checkpoints = Checkpoints(rows.Take(6), 3);
        rows.RemoveAt(7);

        var verdict = Verify(rows, Evidence(checkpoints));

        // The documented window: only seals protect rows the chainer has not reached yet.
        Assert.True(verdict.Valid);
        Assert.Equal(2, verdict.Uncheckpointed);
    }

    [Fact]
    public void An_edited_row_is_the_first_broken_link_before_the_chain_mismatch_it_causes()
    {
        var rows = Rows(9);
        var checkpoints = Checkpoints(rows, 3);
        rows[4].Actor = "someone-else";

        var verdict = Verify(rows, Evidence(checkpoints));

        Assert.False(verdict.Valid);
        Assert.Equal([rows[4].AuditId], verdict.Invalid);
        Assert.Equal(("row_edited", rows[4].AuditId), (verdict.FirstBrokenLink!.Kind, verdict.FirstBrokenLink.AuditId));
    }

    [Fact]
    public void Swapped_rows_are_named_as_moved_at_the_first_place()
    {
        var rows = Rows(9);
        var checkpoints = Checkpoints(rows, 3);
        (rows[3].RowKey, rows[5].RowKey) = (rows[5].RowKey, rows[3].RowKey);

        var verdict = Verify(rows, Evidence(checkpoints));

        Assert.Equal(("row_moved", rows[3].AuditId), (verdict.FirstBrokenLink!.Kind, verdict.FirstBrokenLink.AuditId));
        Assert.Equal(2, verdict.Invalid.Count);
    }

    [Fact]
    public void A_sealed_row_committed_behind_a_checkpoint_is_reported_not_accepted()
    {
        var rows = Rows(9, startMs: 10);
        var checkpoints = Checkpoints(rows, 3);
        var late = Rows(1, startMs: 11)[0]; // sealed by the app, its id between rows 1 and 2, too late for checkpoint 1

        var link = Verify(rows.Append(late), Evidence(checkpoints)).FirstBrokenLink!;

        Assert.Equal(("rows_added", 1L), (link.Kind, link.Checkpoint));
    }

    [Fact]
    public void A_row_replaced_by_another_validly_sealed_row_breaks_the_chain()
    {
        var rows = Rows(9, startMs: 10);
        var checkpoints = Checkpoints(rows, 3);
        rows[4] = Rows(1, startMs: 14)[0]; // same millisecond, another id and content: sealed, but not the row checkpoint 2 signed

        var link = Verify(rows, Evidence(checkpoints)).FirstBrokenLink!;

        Assert.Equal(("chain_mismatch", 2L), (link.Kind, link.Checkpoint));
    }

    [Fact]
    public void A_missing_checkpoint_blob_is_the_broken_link_once_the_rows_before_it_check_out()
    {
        var rows = Rows(9);
        var checkpoints = Checkpoints(rows, 3);
        var evidence = Evidence(checkpoints);
        evidence[1] = evidence[1] with { BlobState = CheckpointBlobState.Missing, Blob = null };

        var verdict = Verify(rows, evidence);

        Assert.Equal(("checkpoint_missing", 2L), (verdict.FirstBrokenLink!.Kind, verdict.FirstBrokenLink.Checkpoint));
        Assert.Equal((1, 6), (verdict.Checkpoints, verdict.Uncheckpointed));
    }

    [Fact]
    public void A_checkpoint_with_neither_blob_nor_row_between_two_others_is_missing()
    {
        var rows = Rows(9);
        var evidence = Evidence(Checkpoints(rows, 3));
        evidence.RemoveAt(1);

        Assert.Equal("checkpoint_missing", Verify(rows, evidence).FirstBrokenLink!.Kind);
    }

    [Fact]
    public void A_badly_signed_unlinked_or_unindexed_checkpoint_is_named()
    {
        var rows = Rows(9);
        var checkpoints = Checkpoints(rows, 3);

        var forged = Evidence(checkpoints);
        forged[0] = forged[0] with { BlobState = CheckpointBlobState.BadSignature };
        Assert.Equal(("checkpoint_signature", 1L), (Verify(rows, forged).FirstBrokenLink!.Kind, Verify(rows, forged).FirstBrokenLink!.Checkpoint));

        var unlinked = Evidence(checkpoints);
        var relinked = checkpoints[2] with { PreviousChainHash = AuditChain.Genesis };
        unlinked[2] = new CheckpointEvidence(3, CheckpointBlobState.Valid, relinked, relinked);
        Assert.Equal("checkpoint_link", Verify(rows, unlinked).FirstBrokenLink!.Kind);

        var unindexed = Evidence(checkpoints);
        unindexed[2] = unindexed[2] with { Row = null };
        Assert.Equal("checkpoint_row_missing", Verify(rows, unindexed).FirstBrokenLink!.Kind);

        var misindexed = Evidence(checkpoints);
        misindexed[2] = misindexed[2] with { Row = checkpoints[2] with { Count = 8 } };
        Assert.Equal("checkpoint_row_mismatch", Verify(rows, misindexed).FirstBrokenLink!.Kind);

        var elsewhere = Evidence(checkpoints);
        elsewhere[0] = elsewhere[0] with { Blob = checkpoints[0] with { Tenant = "t2" } };
        Assert.Equal("checkpoint_signature", Verify(rows, elsewhere).FirstBrokenLink!.Kind);
    }
}
