using System.Runtime.Serialization;
using Azure.Data.Tables;

namespace BankFunctions.Storage.Rows;

/// <summary>
/// One audited change (PK = tenant, RK = "audit|" + time-ordered id), written in the same entity-group
/// transaction as the change itself.
/// </summary>
public sealed class AuditRow : RowBase
{
    public string AuditId { get; set; } = "";
    public DateTimeOffset At { get; set; }
    /// <summary>The actor: a person's user id, a key id, "operator", or "system:" + a function.</summary>
    public string Actor { get; set; } = "";
    /// <summary>A person's display name when they made the change (issue #15); null for keys, the operator and the system.</summary>
    public string? ActorName { get; set; }
    public string Action { get; set; } = "";
    public string Subject { get; set; } = "";
    public string? Before { get; set; }
    public string? After { get; set; }
    public string? TraceId { get; set; }
    /// <summary>HMAC-SHA256 of the row's content (AuditSeal); /v1/audit/verify recomputes it.</summary>
    public string? Seal { get; set; }

    /// <summary>
    /// A row that must commit with this audit row, never without it (the change's unsequenced events, issue #14): every
    /// transaction that carries the audit row through <see cref="Guard.GuardedWrites"/> carries this one too. Not stored.
    /// </summary>
    [IgnoreDataMember]
    public ITableEntity? Companion { get; set; }

    /// <summary>Run once the transaction committed (the sequencer's nudge); a failure is left to the sweep. Not stored.</summary>
    [IgnoreDataMember]
    public Func<CancellationToken, Task>? AfterCommit { get; set; }
}
