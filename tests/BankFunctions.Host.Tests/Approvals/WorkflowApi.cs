using System.Net.Http.Json;
using System.Text.Json;

namespace BankFunctions.Host.Tests.Approvals;

/// <summary>Helpers the approval workflow tests share: keys in approval groups, the two-level workflow.</summary>
internal static class WorkflowApi
{
    /// <summary>Level 1: any 1 of "AP managers"; level 2 from 100,000.00 EUR: 1 of "CFO office" (issue #15's example).</summary>
    public static object TwoLevels => new
    {
        levels = new object[]
        {
            new { name = "AP managers", approvals = 1, groups = new[] { "AP managers" } },
            new { name = "CFO office", approvals = 1, groups = new[] { "CFO office" }, conditions = new { currency = "EUR", minAmount = "100000.00" } },
        },
    };

    /// <summary>Issues an approver key in <paramref name="groups"/> through POST /v1/api-keys; returns (key id, key).</summary>
    public static async Task<(string Id, string Key)> ApproverAsync(HttpClient admin, string name, params string[] groups)
    {
        var created = await HostFixture.PostJson(admin, "v1/api-keys", new { name, roles = new[] { "approver", "viewer" }, approvalGroups = groups });
        return (created.GetProperty("id").GetString()!, created.GetProperty("key").GetString()!);
    }

    public static async Task<HttpResponseMessage> PutWorkflow(HttpClient admin, object body, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, "v1/approval-workflows") { Content = JsonContent.Create(body) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }
        return await admin.SendAsync(request);
    }

    public static async Task<JsonElement> Pending(HttpClient client) => await client.GetFromJsonAsync<JsonElement>("v1/approvals/pending");

    public static IReadOnlyList<string> Ids(JsonElement pending) =>
        pending.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToList();
}
