namespace BankFunctions.Storage.Rows;

/// <summary>
/// A batch header (PK = tenant, RK = "bat|" + id). Items are <see cref="PaymentRow"/>s written in ≤ 100-entity
/// transactions; the header is marked complete only when every item is written.
/// </summary>
public sealed class BatchRow : RowBase
{
    public string BatchId { get; set; } = "";
    public string Kind { get; set; } = "payments";
    public string DebtorAccountId { get; set; } = "";
    public string Bank { get; set; } = "";
    public string Currency { get; set; } = "";
    public string TotalAmount { get; set; } = "";
    public int ItemCount { get; set; }
    public int ItemsWritten { get; set; }
    public bool Complete { get; set; }
    public string Status { get; set; } = "";
    public string StatusHistory { get; set; } = "[]";
    public int ApprovalsRequired { get; set; }
    public string Approvals { get; set; } = "";
    /// <summary>
    /// JSON snapshot of the approval levels the workflow required at submission, with who approved each (issue #15);
    /// null on rows written before workflows: one level of <see cref="ApprovalsRequired"/> approvals by any approver.
    /// </summary>
    public string? ApprovalLevels { get; set; }
    public string CreatedBy { get; set; } = "";
    /// <summary>The creating person's display name at submission (issue #15); null for keys and on rows written before it.</summary>
    public string? CreatedByName { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string RequestedExecutionDate { get; set; } = "";
    /// <summary>yyyy-MM-dd: the day the bank executes the batch's file; null on rows written before it: the requested day.</summary>
    public string? ExecutionDate { get; set; }
}
