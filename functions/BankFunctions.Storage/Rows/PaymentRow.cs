namespace BankFunctions.Storage.Rows;

/// <summary>
/// One payment (PK = tenant, RK = "pay|" + payment id). Batch items are payments with a <see cref="BatchId"/>.
/// Amounts are decimal strings in the currency's minor units (Table Storage has no decimal type; never double).
/// </summary>
public sealed class PaymentRow : RowBase, IReceiptLink
{
    public string PaymentId { get; set; } = "";
    public string? BatchId { get; set; }
    public int? ItemIndex { get; set; }
    /// <summary>"payment" or "payroll" (payroll items go to the bank as a payroll batch).</summary>
    public string Kind { get; set; } = "payment";
    public string DebtorAccountId { get; set; } = "";
    public string Bank { get; set; } = "";
    public string Currency { get; set; } = "";
    public string Amount { get; set; } = "";
    public string CreditorName { get; set; } = "";
    public string? CreditorIban { get; set; }
    public string? CreditorBic { get; set; }
    public string? CreditorAccountNumber { get; set; }
    public string? CreditorBankCode { get; set; }
    /// <summary>When the creditor came from a counterparty's approved account (issue #17): which one.</summary>
    public string? CounterpartyId { get; set; }
    public string? CounterpartyAccountId { get; set; }
    /// <summary>The first payment submitted to that account since it was (last) approved.</summary>
    public bool FirstPaymentToAccount { get; set; }
    /// <summary>
    /// Extra approvals this payment needs because it is the first to a new or changed counterparty account (0: not a
    /// first payment); included in <see cref="ApprovalsRequired"/>, and added again whenever the rules are re-checked.
    /// </summary>
    public int FirstPaymentExtraApprovals { get; set; }
    public string? RemittanceInformation { get; set; }
    /// <summary>yyyy-MM-dd.</summary>
    public string RequestedExecutionDate { get; set; } = "";
    /// <summary>yyyy-MM-dd: the day the bank executes it (requested day moved past weekend, holidays, cut-off); null on rows written before it: the requested day.</summary>
    public string? ExecutionDate { get; set; }
    public string EndToEndId { get; set; } = "";
    /// <summary>The reference the bank knows the payment by (EndToEndId for ISO 20022 banks, yurref for the CMB-style bank).</summary>
    public string BankReference { get; set; } = "";
    public string Status { get; set; } = "";
    /// <summary>JSON array of {status, at, reason?, bankCode?}.</summary>
    public string StatusHistory { get; set; } = "[]";
    public int ApprovalsRequired { get; set; }
    /// <summary>Comma-separated key ids of the approvers so far.</summary>
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
    public string? IsoStatus { get; set; }
    public string? BankStatusCode { get; set; }
    public string? StatusReason { get; set; }
    public string? IdempotencyKeyHash { get; set; }
    /// <summary>The bank file this payment went out in (blob name), once signed.</summary>
    public string? FileId { get; set; }
    public string? BankFileReference { get; set; }
    /// <summary>The bank's reference of the statement entry that booked this payment (AcctSvcrRef / refnbr), once reconciled.</summary>
    public string? BookingReference { get; set; }
    /// <summary>JSON {outcome, reason, evidence, by, at}: a person's "completed" for a needs_attention payment, waiting for a second person (issue #17).</summary>
    public string? PendingResolution { get; set; }
    /// <summary>JSON array of what people did about a needs_attention payment and what the bank answered them (issue #17).</summary>
    public string? AttentionLog { get; set; }
    public string? ReceiptBlob { get; set; }
    public string? ReceiptSha256 { get; set; }
    public string? ReceiptContentType { get; set; }
}
