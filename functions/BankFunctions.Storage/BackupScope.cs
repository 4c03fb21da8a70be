using BankFunctions.Storage.Rows;

namespace BankFunctions.Storage;

/// <summary>
/// What a backup holds, derived from <see cref="TableNames.All"/> and <see cref="BlobContainers.All"/> (not a second
/// list): every table, and for a tenant backup how that tenant's rows are found (the rules of <see cref="TableKeys"/>).
/// A table without a rule here makes a tenant backup refuse to start (and a test fail), so no new table is silently
/// left out or, worse, exported whole into one tenant's backup.
/// </summary>
public static class BackupScope
{
    /// <summary>Tables a backup exports.</summary>
    /// <summary>Tables a backup exports: all but the sessions (a restored session would sign a browser in again).</summary>
    public static IReadOnlyList<string> Tables { get; } = TableNames.All.Where(t => t != TableNames.Sessions).ToList();

    /// <summary>Containers a backup exports: all but the timers' lease blobs (runtime coordination, not data).</summary>
    public static IReadOnlyList<string> Containers { get; } = BlobContainers.All.Where(c => c != BlobContainers.Locks).ToList();

    /// <summary>
    /// The server-side filter for one tenant's rows of <paramref name="table"/>. Tenant ids are [a-z0-9_-] (TenantId),
    /// so neither '|' nor a quote occurs in them and the ranges below cannot reach another tenant's partitions.
    /// </summary>
    public static string TenantFilter(string table, string tenantId) => table switch
    {
        // PK = tenant id (TenantKeys: the tenant's wrapped data keys, which its encrypted rows and blobs need).
        TableNames.TenantData or TableNames.TenantKeys => $"PartitionKey eq '{TableKeys.Escape(tenantId)}'",
        // PK = tenant id + "|" + account id: the range ["t|", "t}") ('}' follows '|') holds exactly those.
        TableNames.Statements => $"PartitionKey ge '{TableKeys.Escape(tenantId)}|' and PartitionKey lt '{TableKeys.Escape(tenantId)}}}'",
        // PK = key id; the row names its tenant.
        TableNames.ApiKeys or TableNames.Identities => $"TenantId eq '{TableKeys.Escape(tenantId)}'",
        // The registry row (PK "tenants", RK = tenant id); the bank-waits partition is platform-wide and left out.
        TableNames.Tenants => $"PartitionKey eq '{TenantRegistryRow.Partition}' and RowKey eq '{TableKeys.Escape(tenantId)}'",
        _ => throw new InvalidOperationException($"Table '{table}' has no tenant rule in BackupScope: add one before backing up a tenant."),
    };

    /// <summary>
    /// Whether a row belongs to the tenant: the same rules as <see cref="TenantFilter"/> checked on the row itself,
    /// so that a tenant backup is checked row by row (and a tenant restore from a full backup picks its rows).
    /// </summary>
    public static bool Belongs(string table, string partitionKey, string rowKey, string? tenantIdProperty, string tenantId) => table switch
    {
        TableNames.TenantData or TableNames.TenantKeys => partitionKey == tenantId,
        TableNames.Statements => partitionKey.StartsWith(tenantId + "|", StringComparison.Ordinal),
        TableNames.ApiKeys or TableNames.Identities => tenantIdProperty == tenantId,
        TableNames.Tenants => partitionKey == TenantRegistryRow.Partition && rowKey == tenantId,
        _ => throw new InvalidOperationException($"Table '{table}' has no tenant rule in BackupScope: add one before backing up a tenant."),
    };

    /// <summary>Every blob of a tenant is named "&lt;tenant id&gt;/…" (StatementBlobs, SignPayments).</summary>
    public static string TenantBlobPrefix(string tenantId) => tenantId + "/";
}
