namespace BankFunctions.Storage.Rows;

/// <summary>
/// Finds the user behind a sign-in (table Identities, RK = "link"): PK = "email|" + SHA-256 of the normalised email (an
/// invitation, claimed when it is created, so one email is one user across all tenants) or "sub|" + SHA-256 of issuer and
/// subject (written at the first sign-in). Hashes, not the values: the table holds no email address.
/// </summary>
public sealed class IdentityLinkRow : RowBase
{
    public const string Row = "link";

    public string TenantId { get; set; } = "";
    public string UserId { get; set; } = "";
}
