namespace BankFunctions.Storage.Rows;

/// <summary>
/// One audited change (PK = tenant, RK = "audit|" + time-ordered id), written in the same entity-group
/// transaction as the change itself.
/// </summary>
public sealed class AuditRow : RowBase
{
    public string AuditId { get; set; } = "";
    public DateTimeOffset At { get; set; }
    /// <summary>Key id of the actor, or "operator".</summary>
    public string Actor { get; set; } = "";
    public string Action { get; set; } = "";
    public string Subject { get; set; } = "";
    public string? Before { get; set; }
    public string? After { get; set; }
    public string? TraceId { get; set; }
    /// <summary>HMAC-SHA256 of the row's content (AuditSeal); /v1/audit/verify recomputes it.</summary>
    public string? Seal { get; set; }
}
