namespace BankFunctions.Storage.Rows;

/// <summary>
/// A checkpoint of a tenant's audit hash chain (PK = tenant, RK = <see cref="TableKeys.AuditCheckpointRow"/>), and the
/// same shape as the chain head (RK = <see cref="TableKeys.AuditChainHeadRow"/>): both are written in one transaction
/// after the signed blob, which is the anchor — these rows are its index and the chainer's place.
/// </summary>
public sealed class AuditCheckpointRow : RowBase
{
    public long Sequence { get; set; }
    /// <summary>The last audit id the chain covers (rows are chained in RowKey order).</summary>
    public string LastAuditId { get; set; } = "";
    /// <summary>Audit rows chained from the start of the tenant's trail up to and including <see cref="LastAuditId"/>.</summary>
    public long Count { get; set; }
    public string ChainHash { get; set; } = "";
    public string PreviousChainHash { get; set; } = "";
    public DateTimeOffset At { get; set; }
    /// <summary>HMAC-SHA256 of the checkpoint (AuditCheckpoints), the same as in the blob.</summary>
    public string Signature { get; set; } = "";
}
