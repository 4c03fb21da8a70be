namespace BankFunctions.Storage.Rows;

/// <summary>A tenant's profile (PK = tenant id, RK = "tenant").</summary>
public sealed class TenantRow : RowBase
{
    public string TenantId { get; set; } = "";
    public string Name { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}
