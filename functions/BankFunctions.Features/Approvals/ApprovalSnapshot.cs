using System.Text.Json;
using BankFunctions.Features.Http;

namespace BankFunctions.Features.Approvals;

/// <summary>
/// The required levels as a payment or batch row stores them (<c>ApprovalLevels</c>, JSON). Rows written before
/// workflows have none: they read as one level of their <c>ApprovalsRequired</c> by any approver, approved by the
/// keys in their <c>Approvals</c> list, which is exactly what they needed then.
/// </summary>
public static class ApprovalSnapshot
{
    public static IReadOnlyList<RequiredLevel> Read(string? json, int approvalsRequired, IReadOnlyList<string> approvals)
    {
        if (!string.IsNullOrEmpty(json))
        {
            return JsonSerializer.Deserialize<List<RequiredLevel>>(json, ApiJson.Options) ?? [];
        }
        return approvalsRequired <= 0 && approvals.Count == 0
            ? []
            : [new RequiredLevel(WorkflowRequirement.DefaultLevelName, approvalsRequired, [], approvals.Select(a => new LevelApproval(a, null)).ToList())];
    }

    public static string Write(IReadOnlyList<RequiredLevel> levels) => JsonSerializer.Serialize(levels, ApiJson.Options);
}
