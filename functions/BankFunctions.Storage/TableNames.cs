namespace BankFunctions.Storage;

/// <summary>Every table. Tenant-scoped rows share one table so that a tenant's multi-row writes can be one entity-group transaction.</summary>
public static class TableNames
{
    /// <summary>Everything that belongs to one tenant, partitioned by tenant id (see <see cref="TableKeys"/>).</summary>
    public const string TenantData = "TenantData";

    /// <summary>API key lookup by key id, for authentication (one partition per key: point reads scale).</summary>
    public const string ApiKeys = "ApiKeys";

    /// <summary>Statement entries and balances, partitioned by tenant + account.</summary>
    public const string Statements = "Statements";

    /// <summary>The tenant registry that timers walk (see TenantRegistryRow).</summary>
    public const string Tenants = "Tenants";

    /// <summary>Each tenant's data keys, stored only wrapped by the key-encryption key (see TenantKeyRow, docs/ENCRYPTION.md).</summary>
    public const string TenantKeys = "TenantKeys";

    /// <summary>Sign-in lookups: invitation email and OpenID Connect subject → tenant and user (IdentityLinkRow).</summary>
    public const string Identities = "Identities";

    /// <summary>Browser sessions and sign-ins in progress (SessionRow, SignInStateRow): short-lived, not backed up.</summary>
    public const string Sessions = "Sessions";

    public static readonly IReadOnlyList<string> All = [TenantData, ApiKeys, Statements, Tenants, TenantKeys, Identities, Sessions];
}
