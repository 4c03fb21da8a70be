namespace BankFunctions.Storage.Rows;

/// <summary>
/// The list of tenants (table Tenants, PK = "tenants", RK = tenant id) that timers walk (outbox sweep, statement
/// schedule) without scanning every tenant's data.
/// </summary>
public sealed class TenantRegistryRow : RowBase
{
    public const string Partition = "tenants";
}
