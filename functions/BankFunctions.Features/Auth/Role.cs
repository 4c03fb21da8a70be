namespace BankFunctions.Features.Auth;

/// <summary>Tenant roles (API.md "Authentication, tenants, roles"). A key may hold several.</summary>
[Flags]
public enum Role
{
    None = 0,
    Viewer = 1,
    Submitter = 2,
    Approver = 4,
    Admin = 8,
}

public static class Roles
{
    private static readonly (Role Role, string Name)[] Names =
    [
        (Role.Viewer, "viewer"), (Role.Submitter, "submitter"), (Role.Approver, "approver"), (Role.Admin, "admin"),
    ];

    public static bool TryParse(string name, out Role role)
    {
        foreach (var (r, n) in Names)
        {
            if (n == name)
            {
                role = r;
                return true;
            }
        }
        role = Role.None;
        return false;
    }

    public static string Format(Role roles) => string.Join(',', ToNames(roles));

    public static IReadOnlyList<string> ToNames(Role roles) => Names.Where(n => roles.HasFlag(n.Role)).Select(n => n.Name).ToList();

    public static Role Parse(string commaSeparated)
    {
        var result = Role.None;
        foreach (var part in commaSeparated.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (TryParse(part, out var r))
            {
                result |= r;
            }
        }
        return result;
    }
}
