namespace BankFunctions.Storage.Rows;

/// <summary>
/// A signed-in browser session (table Sessions, PK = SHA-256 of the session id from the cookie, RK = "session"): only
/// the hash is stored, so reading the table does not give anyone a usable cookie.
/// </summary>
public sealed class SessionRow : RowBase
{
    public const string Row = "session";

    public string TenantId { get; set; } = "";
    public string UserId { get; set; } = "";
    /// <summary>The synchronizer token every state-changing request of this session must echo in X-CSRF-Token.</summary>
    public string CsrfToken { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Absolute end, whatever the activity.</summary>
    public DateTimeOffset ExpiresAt { get; set; }
    /// <summary>Idle end: moved forward by activity (at most once a minute, to keep requests read-only).</summary>
    public DateTimeOffset IdleUntil { get; set; }
}
