namespace BankFunctions.Storage.Rows;

/// <summary>
/// A person of a tenant (issue #15), PK = tenant, RK = "user|" + user id. Invited by an admin with an email; bound to an
/// OpenID Connect subject (<see cref="Issuer"/> + <see cref="Subject"/>) at their first sign-in. Found at sign-in through
/// <see cref="IdentityLinkRow"/>s; every request of a signed-in person reads this row, so a change of roles, scope or
/// status takes effect at the next request.
/// </summary>
public sealed class UserRow : RowBase
{
    public string UserId { get; set; } = "";
    public string TenantId { get; set; } = "";
    /// <summary>As the admin typed it (encrypted at rest, SensitiveColumns); lookups use the hash in the link row.</summary>
    public string Email { get; set; } = "";
    public string DisplayName { get; set; } = "";
    /// <summary>Comma-separated role names, as on an API key.</summary>
    public string Roles { get; set; } = "";
    /// <summary>Comma-separated account ids the person may see, submit from and approve for; null: every account.</summary>
    public string? AccountIds { get; set; }
    /// <summary>Comma-separated approval groups (approval workflows); null or empty: none.</summary>
    public string? ApprovalGroups { get; set; }
    /// <summary>invited (never signed in), active, disabled (UserState).</summary>
    public string State { get; set; } = "";
    public string? Issuer { get; set; }
    public string? Subject { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public DateTimeOffset? LastSignInAt { get; set; }
}
