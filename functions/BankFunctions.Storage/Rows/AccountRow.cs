namespace BankFunctions.Storage.Rows;

/// <summary>A bank account the tenant operates (PK = tenant, RK = "acct|" + id).</summary>
public sealed class AccountRow : RowBase
{
    public string AccountId { get; set; } = "";
    public string BankConnectionId { get; set; } = "";
    public string Bank { get; set; } = "";
    public string? AccountNumber { get; set; }
    public string? Iban { get; set; }
    public string Currency { get; set; } = "";
    public string Name { get; set; } = "";
    public string? BankCode { get; set; }
    public string? Bic { get; set; }
    /// <summary>Optional NCRONTAB override of the statement pull schedule.</summary>
    public string? PullSchedule { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
