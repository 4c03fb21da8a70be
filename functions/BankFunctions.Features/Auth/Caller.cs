namespace BankFunctions.Features.Auth;

/// <summary>
/// The authenticated caller of one request: today an API key (its id is the actor every audit row and approval names),
/// later a signed-in person, who slots in here with their own actor name and groups.
/// </summary>
/// <param name="ApprovalGroups">The approval groups the caller approves for (issue #15 workflows); null: none.</param>
public sealed record Caller(bool IsOperator, string? TenantId, string? KeyId, Role Roles, IReadOnlyList<string>? ApprovalGroups = null)
{
    public static readonly Caller Operator = new(true, null, null, Role.None);

    /// <summary>Audit actor: the key id, or "operator".</summary>
    public string Actor => IsOperator ? "operator" : KeyId!;

    /// <summary>Who approves, as the workflow's decisions see it.</summary>
    public Approvals.Approver Approver => new(Actor, ApprovalGroups ?? []);

    public string RequireTenant() => TenantId ?? throw new InvalidOperationException("A tenant route was called without a tenant caller.");
}
