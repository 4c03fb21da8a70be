namespace BankFunctions.Storage.Rows;

/// <summary>
/// One counterparty (PK = tenant, RK = "cpty|" + id): a payee the tenant keeps, with its bank accounts. The accounts
/// live in this row (JSON) so that a change of an account and its approval state is one ETag-guarded write.
/// </summary>
public sealed class CounterpartyRow : RowBase
{
    public string CounterpartyId { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Email { get; set; }
    /// <summary>JSON object (street, postCode, town, country), or null.</summary>
    public string? Address { get; set; }
    /// <summary>JSON object of string values, or null.</summary>
    public string? Metadata { get; set; }
    /// <summary>JSON array of the accounts with their approval state.</summary>
    public string Accounts { get; set; } = "[]";
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
