namespace BankFunctions.Features.Approvals;

/// <summary>
/// Approval group names, as workflow levels name them and API keys carry them (<c>approvalGroups</c> on key creation).
/// A key stores its groups on its own row (comma-separated), so the caller's groups come with authentication at no
/// extra read; people signing in later carry theirs the same way on <see cref="Auth.Caller"/>.
/// </summary>
public static class ApprovalGroups
{
    public const int NameMax = 64;
    public const int MaxPerCaller = 20;
    public const string Pattern = @"^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$";

    /// <summary>Letters, digits, space, '.', '_', '-' ("AP managers", "CFO office"); no comma, the separator in storage.</summary>
    public static bool IsValid(string? name) =>
        name is { Length: > 0 and <= NameMax } && char.IsAsciiLetterOrDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c is ' ' or '.' or '_' or '-');

    public static IReadOnlyList<string> Parse(string? stored) =>
        string.IsNullOrEmpty(stored) ? [] : stored.Split(',', StringSplitOptions.RemoveEmptyEntries);

    public static string? Format(IReadOnlyList<string> groups) => groups.Count == 0 ? null : string.Join(',', groups);

    /// <summary>The checked, de-duplicated list under <paramref name="field"/>; problems go to <paramref name="v"/>.</summary>
    public static IReadOnlyList<string> Check(IReadOnlyList<string?>? groups, string field, Validation v, int max = MaxPerCaller)
    {
        if (groups is null)
        {
            return [];
        }
        if (groups.Count > max)
        {
            v.Add(field, $"at most {max} groups.");
        }
        for (var i = 0; i < groups.Count; i++)
        {
            if (!IsValid(groups[i]))
            {
                v.Add($"{field}[{i}]", "must be 1 to 64 letters, digits, spaces, '.', '_' or '-', starting with a letter or digit.");
            }
        }
        return groups.Where(IsValid).Select(g => g!).Distinct(StringComparer.Ordinal).ToList();
    }
}
