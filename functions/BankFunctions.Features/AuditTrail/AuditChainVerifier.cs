using BankFunctions.Storage;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.AuditTrail;

/// <summary>The state of a checkpoint's blob as verify found it.</summary>
public enum CheckpointBlobState
{
    Missing,
    Unreadable,
    BadSignature,
    Valid,
}

/// <summary>What storage holds for checkpoint <see cref="Sequence"/>: the signed blob (the anchor) and its index row.</summary>
public sealed record CheckpointEvidence(long Sequence, CheckpointBlobState BlobState, AuditCheckpoint? Blob, AuditCheckpoint? Row);

/// <summary>
/// The first place the audit trail stops proving itself. Kinds: row_edited, row_moved (seal checks); rows_missing,
/// rows_added, chain_mismatch (a segment between two checkpoints); checkpoint_missing, checkpoint_signature,
/// checkpoint_link, checkpoint_row_missing, checkpoint_row_mismatch (the checkpoints themselves).
/// </summary>
public sealed record BrokenLink(string Kind, string Detail, string? AuditId = null, long? Checkpoint = null, string? After = null, string? Through = null);

/// <summary>The verdict: <see cref="FirstBrokenLink"/> null and no invalid seal = the trail proves itself up to the last checkpoint.</summary>
public sealed record AuditChainVerdict(int Checked, IReadOnlyList<string> Invalid, int Checkpoints, string? ChainedThrough, int Uncheckpointed, BrokenLink? FirstBrokenLink)
{
    public bool Valid => Invalid.Count == 0 && FirstBrokenLink is null;
}

/// <summary>
/// Recomputes a tenant's chain from the first row and compares it with each checkpoint (pure: rows are fed in RowKey
/// order, the seal check and the checkpoints are given). Checkpoints are trusted in sequence order up to the first one
/// that is missing, badly signed, not linked to its predecessor or out of step with its index row; that one is the broken
/// link once the rows before it check out. Rows after the last trusted checkpoint are only seal-checked.
/// </summary>
public sealed class AuditChainVerifier
{
    private readonly Func<AuditRow, bool> _sealValid;
    private readonly List<AuditCheckpoint> _trusted = [];
    private readonly BrokenLink? _badCheckpoint;
    private readonly List<string> _invalid = [];
    private int _next;
    private string _link = AuditChain.Genesis;
    private long _count;
    private string? _previousLast;
    private int _checked;
    private int _uncheckpointed;
    private BrokenLink? _broken;

    public AuditChainVerifier(string tenant, IEnumerable<CheckpointEvidence> evidence, Func<AuditRow, bool> sealValid)
    {
        _sealValid = sealValid;
        _badCheckpoint = TrustedPrefix(tenant, evidence.OrderBy(e => e.Sequence).ToList(), _trusted);
        if (_trusted.Count == 0)
        {
            _broken = _badCheckpoint;
        }
    }

    public void Add(AuditRow row)
    {
        _checked++;
        var id = row.RowKey.StartsWith(TableKeys.AuditPrefix, StringComparison.Ordinal) ? row.RowKey[TableKeys.AuditPrefix.Length..] : row.RowKey;
        if (!_sealValid(row))
        {
            _invalid.Add(row.AuditId);
            _broken ??= row.AuditId != id
                ? new BrokenLink("row_moved", $"the row stored as audit {id} is sealed as audit {row.AuditId}: rows were moved or swapped", id)
                : new BrokenLink("row_edited", $"audit {id}: its seal does not match its content", id);
        }
        while (_next < _trusted.Count && string.CompareOrdinal(id, _trusted[_next].LastAuditId) > 0)
        {
            Close();
        }
        _link = AuditChain.Next(_link, row);
        _count++;
        if (_next >= _trusted.Count)
        {
            _uncheckpointed++;
        }
    }

    public AuditChainVerdict Finish()
    {
        while (_next < _trusted.Count)
        {
            Close();
        }
        return new AuditChainVerdict(_checked, _invalid, _trusted.Count, _trusted.Count == 0 ? null : _trusted[^1].LastAuditId, _uncheckpointed, _broken);
    }

    /// <summary>The rows since the previous checkpoint end: they must be exactly the ones checkpoint <c>_next</c> signed.</summary>
    private void Close()
    {
        var checkpoint = _trusted[_next];
        var expected = checkpoint.Count - (_next == 0 ? 0 : _trusted[_next - 1].Count);
        var found = _count - (_next == 0 ? 0 : _trusted[_next - 1].Count);
        var segment = $"between {(_previousLast is null ? "the start" : "audit " + _previousLast)} and audit {checkpoint.LastAuditId} (checkpoint {checkpoint.Sequence})";
        if (found < expected)
        {
            _broken ??= new BrokenLink("rows_missing", $"{expected - found} audit row(s) missing {segment}", null, checkpoint.Sequence, _previousLast, checkpoint.LastAuditId);
        }
        else if (found > expected)
        {
            _broken ??= new BrokenLink("rows_added", $"{found - expected} audit row(s) {segment} that the checkpoint does not cover (inserted, or committed later than the chainer's settling lag)",
                null, checkpoint.Sequence, _previousLast, checkpoint.LastAuditId);
        }
        else if (_link != checkpoint.ChainHash)
        {
            _broken ??= new BrokenLink("chain_mismatch", $"the audit rows {segment} do not chain to the checkpoint's hash: rows replaced or reordered",
                null, checkpoint.Sequence, _previousLast, checkpoint.LastAuditId);
        }
        // Carry on from what the checkpoint signed, so each later segment is judged on its own.
        _link = checkpoint.ChainHash;
        _count = checkpoint.Count;
        _previousLast = checkpoint.LastAuditId;
        _next++;
        if (_next == _trusted.Count)
        {
            _broken ??= _badCheckpoint;
        }
    }

    /// <summary>Fills <paramref name="trusted"/> with checkpoints 1, 2, … while each checks out; returns why the next one does not.</summary>
    internal static BrokenLink? TrustedPrefix(string tenant, IReadOnlyList<CheckpointEvidence> evidence, List<AuditCheckpoint> trusted)
    {
        var bySequence = evidence.ToDictionary(e => e.Sequence);
        var last = evidence.Count == 0 ? 0 : evidence[^1].Sequence;
        for (long sequence = 1; sequence <= last; sequence++)
        {
            var blobName = $"{BlobContainers.AuditCheckpoints}/{AuditCheckpoint.BlobName(tenant, sequence)}";
            if (!bySequence.TryGetValue(sequence, out var e) || e.BlobState == CheckpointBlobState.Missing)
            {
                return new BrokenLink("checkpoint_missing", $"checkpoint {sequence}: blob {blobName} is missing", Checkpoint: sequence);
            }
            if (e.BlobState != CheckpointBlobState.Valid || e.Blob is null)
            {
                return new BrokenLink("checkpoint_signature", $"checkpoint {sequence}: blob {blobName} is {(e.BlobState == CheckpointBlobState.Unreadable ? "unreadable" : "not signed with the audit key")}",
                    Checkpoint: sequence);
            }
            var blob = e.Blob;
            if (blob.Tenant != tenant || blob.Sequence != sequence)
            {
                return new BrokenLink("checkpoint_signature", $"checkpoint {sequence}: blob {blobName} is signed for tenant {blob.Tenant}, checkpoint {blob.Sequence}", Checkpoint: sequence);
            }
            var previous = trusted.Count == 0 ? null : trusted[^1];
            if (blob.PreviousChainHash != (previous?.ChainHash ?? AuditChain.Genesis) || blob.Count <= (previous?.Count ?? 0)
                || (previous is not null && string.CompareOrdinal(blob.LastAuditId, previous.LastAuditId) <= 0))
            {
                return new BrokenLink("checkpoint_link", $"checkpoint {sequence} does not follow checkpoint {sequence - 1}", Checkpoint: sequence);
            }
            if (e.Row is null)
            {
                return new BrokenLink("checkpoint_row_missing", $"checkpoint {sequence}: its row is missing (the blob is there)", Checkpoint: sequence);
            }
            if (e.Row != blob)
            {
                return new BrokenLink("checkpoint_row_mismatch", $"checkpoint {sequence}: its row differs from the signed blob", Checkpoint: sequence);
            }
            trusted.Add(blob);
        }
        return null;
    }
}
