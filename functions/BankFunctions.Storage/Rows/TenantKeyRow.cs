namespace BankFunctions.Storage.Rows;

/// <summary>
/// One version of a tenant's data key (table TenantKeys, PK = tenant, RK = "dek|" + version as 6 digits), stored only
/// wrapped by the KEK version <see cref="KekId"/>. The highest version encrypts new writes; every version decrypts.
/// </summary>
public sealed class TenantKeyRow : RowBase
{
    public int Version { get; set; }
    public string KekId { get; set; } = "";
    /// <summary>Base64 of the wrapped 256-bit key.</summary>
    public string WrappedKey { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RewrappedAt { get; set; }
}
