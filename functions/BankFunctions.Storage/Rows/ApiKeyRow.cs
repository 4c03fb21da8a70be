namespace BankFunctions.Storage.Rows;

/// <summary>
/// An API key. Stored twice: in the global ApiKeys table (PK = key id) for authentication, and in the tenant's
/// partition for listing. Only a SHA-256 hash of the secret is kept; the key cannot be recovered from storage.
/// </summary>
public sealed class ApiKeyRow : RowBase
{
    public string KeyId { get; set; } = "";
    public string TenantId { get; set; } = "";
    public string Name { get; set; } = "";
    /// <summary>Comma-separated role names (viewer, submitter, approver, admin).</summary>
    public string Roles { get; set; } = "";
    /// <summary>Comma-separated approval groups the key approves for (issue #15 workflows); null or empty: none.</summary>
    public string? ApprovalGroups { get; set; }
    /// <summary>Lower-case hex SHA-256 of the secret part of the key.</summary>
    public string SecretHash { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}
