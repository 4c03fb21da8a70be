using System.Net.Http.Json;
using System.Text.Json;
using BankFunctions.Features.SignIn;

namespace BankFunctions.Host.Tests.People;

/// <summary>
/// Helpers of the people tests: invite through the API, and a client of a live console session. The session is made by
/// the host's own SessionStore (what the sign-in callback does after the provider; the flow itself is SignInFlowTests').
/// </summary>
internal static class PeopleApi
{
    public static async Task<JsonElement> InviteAsync(HttpClient admin, string displayName, string[] roles, string[]? accountIds = null, string[]? groups = null, string? email = null) =>
        await HostFixture.PostJson(admin, "v1/users", new
        {
            email = email ?? $"{Guid.NewGuid():N}@people.test",
            displayName,
            roles,
            accountIds,
            approvalGroups = groups,
        });

    /// <summary>Every EUR and CNY payment needs one approval (the default needs none).</summary>
    public static async Task RequireOneApprovalAsync(HttpClient admin) =>
        (await admin.PutAsJsonAsync("v1/approval-rules", new
        {
            rules = new[] { new { currency = "EUR", minAmount = "0.00", approvals = 1 }, new { currency = "CNY", minAmount = "0.00", approvals = 1 } },
        })).EnsureSuccessStatusCode();

    /// <summary>A client that carries the session cookie of <paramref name="userId"/> (and, when <paramref name="withCsrf"/>, its CSRF token).</summary>
    public static async Task<(HttpClient Client, string SessionId, string Csrf)> SessionAsync(HostFixture host, string tenantId, string userId, bool withCsrf = true)
    {
        var (sessionId, row) = await host.Services.GetRequiredService<SessionStore>().CreateAsync(tenantId, userId, CancellationToken.None);
        var client = host.Client();
        client.DefaultRequestHeaders.Add("Cookie", $"{SessionCookies.Session}={sessionId}");
        if (withCsrf)
        {
            client.DefaultRequestHeaders.Add("X-CSRF-Token", row.CsrfToken);
        }
        return (client, sessionId, row.CsrfToken);
    }

    public static async Task<HttpClient> PersonAsync(HostFixture host, TestTenant tenant, string displayName, string[] roles, string[]? accountIds = null, string[]? groups = null)
    {
        using var admin = host.Client(tenant.Key("admin"));
        var user = await InviteAsync(admin, displayName, roles, accountIds, groups);
        return (await SessionAsync(host, tenant.Id, user.GetProperty("id").GetString()!)).Client;
    }
}
