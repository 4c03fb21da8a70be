namespace BankFunctions.Storage.Rows;

/// <summary>A tenant's approval rules (PK = tenant, RK = "rules"), as the JSON array the API accepts.</summary>
public sealed class ApprovalRulesRow : RowBase
{
    public string RulesJson { get; set; } = "[]";
    public DateTimeOffset UpdatedAt { get; set; }
}
