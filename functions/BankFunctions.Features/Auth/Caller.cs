namespace BankFunctions.Features.Auth;

/// <summary>
/// The authenticated caller of one request: an API key (a machine), a signed-in person (<see cref="Person"/>, issue #15),
/// or the platform operator. The actor every audit row and approval names is the person's user id or the key id.
/// </summary>
/// <param name="ApprovalGroups">The approval groups the caller approves for (approval workflows); null: none.</param>
/// <param name="Person">Set when a person signed in through the console (cookie session); null for a key or the operator.</param>
/// <param name="KeyName">A key's name as issued (for showing who is calling; the key id stays the actor).</param>
public sealed record Caller(bool IsOperator, string? TenantId, string? KeyId, Role Roles, IReadOnlyList<string>? ApprovalGroups = null, SignedInPerson? Person = null,
    string? KeyName = null)
{
    public static readonly Caller Operator = new(true, null, null, Role.None);

    /// <summary>Audit actor: the person's user id, the key id, or "operator".</summary>
    public string Actor => IsOperator ? "operator" : Person?.UserId ?? KeyId!;

    /// <summary>The person's display name for audit rows and approvals; null for a key or the operator.</summary>
    public string? ActorName => Person?.DisplayName;

    /// <summary>Who approves, as the workflow's decisions see it.</summary>
    public Approvals.Approver Approver => new(Actor, ApprovalGroups ?? [], ActorName);

    /// <summary>
    /// Whether the caller may see, pay from or approve for <paramref name="accountId"/>: a person limited to listed
    /// accounts only for those; keys and unrestricted people for every account of the tenant.
    /// </summary>
    public bool MaySee(string accountId) => Person?.AccountIds is not { } scope || scope.Contains(accountId, StringComparer.Ordinal);

    /// <summary>True when the caller is limited to some accounts (list routes filter; single-item routes answer 404).</summary>
    public bool IsAccountScoped => Person?.AccountIds is not null;

    public string RequireTenant() => TenantId ?? throw new InvalidOperationException("A tenant route was called without a tenant caller.");
}

/// <summary>A person signed in through a console session: who, which accounts (null: all), and the session's CSRF token.</summary>
public sealed record SignedInPerson(string UserId, string DisplayName, IReadOnlyList<string>? AccountIds, string CsrfToken);
