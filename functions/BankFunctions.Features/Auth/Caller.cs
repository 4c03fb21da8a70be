namespace BankFunctions.Features.Auth;

/// <summary>The authenticated caller of one request.</summary>
public sealed record Caller(bool IsOperator, string? TenantId, string? KeyId, Role Roles)
{
    public static readonly Caller Operator = new(true, null, null, Role.None);

    /// <summary>Audit actor: the key id, or "operator".</summary>
    public string Actor => IsOperator ? "operator" : KeyId!;

    public string RequireTenant() => TenantId ?? throw new InvalidOperationException("A tenant route was called without a tenant caller.");
}
