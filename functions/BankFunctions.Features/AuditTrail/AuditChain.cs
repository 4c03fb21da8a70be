using System.Security.Cryptography;
using System.Text;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Features.AuditTrail;

/// <summary>
/// The hash chain over a tenant's audit rows in RowKey (= time-ordered id) order: each link is SHA-256 over the previous
/// link and the row's canonical content with its RowKey and seal. A checkpoint signs a link and the row count, so rows
/// deleted, added or reordered before it change what recomputing the chain gives (issue #16 "Audit that proves itself").
/// </summary>
public static class AuditChain
{
    /// <summary>The link before a tenant's first audit row.</summary>
    public static readonly string Genesis = new('0', 64);

    public static string Next(string previous, AuditRow row) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(previous + "\u001e" + AuditSeal.Canonical(row) + "\u001f" + (row.Seal ?? ""))));
}

/// <summary>
/// What the chainer folds rows into: the running link and count, and a checkpoint each time a segment holds
/// <c>rowsPerCheckpoint</c> rows (and one for the rest at <see cref="Finish"/>). Pure; the chainer stores what it returns.
/// </summary>
public sealed class AuditChainFold(string tenant, AuditCheckpoint? head, int rowsPerCheckpoint, DateTimeOffset at)
{
    private string _link = head?.ChainHash ?? AuditChain.Genesis;
    private long _count = head?.Count ?? 0;
    private long _sequence = head?.Sequence ?? 0;
    private string _checkpointed = head?.ChainHash ?? AuditChain.Genesis;
    private string? _lastAuditId;
    private string? _lastRowKey;
    private int _segment;

    /// <summary>Adds the next row (after the head's last id, in id order); a checkpoint when the segment is full.</summary>
    public AuditCheckpoint? Add(AuditRow row)
    {
        if ((_lastRowKey is not null && string.CompareOrdinal(row.RowKey, _lastRowKey) <= 0)
            || (head is not null && string.CompareOrdinal(row.AuditId, head.LastAuditId) <= 0))
        {
            throw new InvalidOperationException($"Audit rows must be chained in id order after the head: {row.RowKey} after {_lastRowKey ?? head?.LastAuditId}.");
        }
        _link = AuditChain.Next(_link, row);
        _count++;
        _lastRowKey = row.RowKey;
        _lastAuditId = row.AuditId;
        _segment++;
        return _segment >= rowsPerCheckpoint ? Cut() : null;
    }

    /// <summary>The checkpoint of the rows added since the last one, or null when there are none.</summary>
    public AuditCheckpoint? Finish() => _segment > 0 ? Cut() : null;

    private AuditCheckpoint Cut()
    {
        var checkpoint = new AuditCheckpoint(tenant, ++_sequence, _lastAuditId!, _count, _link, _checkpointed, at);
        _checkpointed = _link;
        _segment = 0;
        return checkpoint;
    }
}
