namespace BankFunctions.Features.Auth;

/// <summary>Who may call an HTTP function.</summary>
public abstract record Access
{
    public static readonly Access Anonymous = new AnonymousAccess();
    public static readonly Access Operator = new OperatorAccess();

    public static Access Tenant(Role role) => new TenantAccess(role);
}

public sealed record AnonymousAccess : Access;

/// <summary>The platform operator key from configuration (onboarding routes under /v1/admin).</summary>
public sealed record OperatorAccess : Access;

/// <summary>A tenant key holding <paramref name="Role"/> (admin does not imply the others: roles are explicit).</summary>
public sealed record TenantAccess(Role Role) : Access;
