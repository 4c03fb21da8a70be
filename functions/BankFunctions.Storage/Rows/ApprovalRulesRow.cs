namespace BankFunctions.Storage.Rows;

/// <summary>A tenant's approval rules (PK = tenant, RK = "rules"), as the JSON array the API accepts.</summary>
public sealed class ApprovalRulesRow : RowBase
{
    public string RulesJson { get; set; } = "[]";
    /// <summary>
    /// The tenant's approval workflow as PUT /v1/approval-workflows stored it (issue #15); null: the workflow is the
    /// one-level translation of <see cref="RulesJson"/> (tenants that only ever used PUT /v1/approval-rules).
    /// </summary>
    public string? WorkflowJson { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>Approvals a new or changed counterparty bank account needs (null: the default, 1).</summary>
    public int? CounterpartyAccountChangeApprovals { get; set; }
    /// <summary>Extra approvals of the first payment to a new or changed counterparty account (null: none).</summary>
    public int? FirstPaymentToNewAccountExtraApprovals { get; set; }
}
