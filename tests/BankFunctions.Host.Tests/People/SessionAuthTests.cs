using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BankFunctions.Features.SignIn;
using BankFunctions.Host.Tests.Api;
using static BankFunctions.Host.Tests.Payments.PaymentApi;
using static BankFunctions.Host.Tests.People.PeopleApi;

namespace BankFunctions.Host.Tests.People;

/// <summary>Console sessions on the real host (issue #15): who /v1/me says, roles, CSRF, sign-out, disabled people.</summary>
[Collection(HostCollection.Name)]
public sealed class SessionAuthTests(HostFixture host)
{
    [Fact]
    public async Task A_session_is_the_person_with_their_roles_and_csrf_token()
    {
        var t = await host.CreateTenantWithAccountsAsync();
        using var admin = host.Client(t.Key("admin"));
        var user = await InviteAsync(admin, "Vera Viewer", ["viewer"], [t.EurAccount], ["AP managers"]);
        var (client, _, csrf) = await SessionAsync(host, t.Id, user.GetProperty("id").GetString()!);
        using (client)
        {
            var me = await client.GetFromJsonAsync<JsonElement>("v1/me");
            Assert.Equal("user", me.GetProperty("kind").GetString());
            Assert.Equal(user.GetProperty("id").GetString(), me.GetProperty("id").GetString());
            Assert.Equal("Vera Viewer", me.GetProperty("displayName").GetString());
            Assert.Equal(t.Id, me.GetProperty("tenantId").GetString());
            Assert.Equal(csrf, me.GetProperty("csrfToken").GetString());
            Assert.Equal([t.EurAccount], me.GetProperty("accountIds").EnumerateArray().Select(a => a.GetString()));
            Assert.Equal(["AP managers"], me.GetProperty("approvalGroups").EnumerateArray().Select(a => a.GetString()));
            // A viewer cannot submit, session or not.
            await BadInputTests.AssertProblem(await Submit(client, EurPayment(t.EurAccount)), 403, null);
        }
        using var key = host.Client(t.Key("viewer"));
        var keyMe = await key.GetFromJsonAsync<JsonElement>("v1/me");
        Assert.Equal("key", keyMe.GetProperty("kind").GetString());
        Assert.Equal(t.Keys["viewer"].Id, keyMe.GetProperty("id").GetString());
        Assert.Equal("viewer", keyMe.GetProperty("displayName").GetString()); // the key's name as issued
        Assert.False(keyMe.TryGetProperty("csrfToken", out var keyCsrf) && keyCsrf.ValueKind != JsonValueKind.Null, "a key has no CSRF token");
    }

    [Fact]
    public async Task State_changing_requests_need_the_sessions_csrf_token_and_the_consoles_origin()
    {
        var t = await host.CreateTenantWithAccountsAsync();
        using var admin = host.Client(t.Key("admin"));
        var user = await InviteAsync(admin, "Sam Submitter", ["submitter", "viewer"]);
        var (noToken, sessionId, csrf) = await SessionAsync(host, t.Id, user.GetProperty("id").GetString()!, withCsrf: false);
        using (noToken)
        {
            Assert.Equal(HttpStatusCode.OK, (await noToken.GetAsync("v1/accounts")).StatusCode); // reads need no token
            await BadInputTests.AssertProblem(await Submit(noToken, EurPayment(t.EurAccount)), 403, null);
            using var wrong = new HttpRequestMessage(HttpMethod.Post, "v1/payments") { Content = JsonContent.Create(EurPayment(t.EurAccount)) };
            wrong.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            wrong.Headers.Add("X-CSRF-Token", csrf[..^2] + "xx");
            await BadInputTests.AssertProblem(await noToken.SendAsync(wrong), 403, null);

            using var crossSite = new HttpRequestMessage(HttpMethod.Post, "v1/payments") { Content = JsonContent.Create(EurPayment(t.EurAccount)) };
            crossSite.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            crossSite.Headers.Add("X-CSRF-Token", csrf);
            crossSite.Headers.Add("Origin", "http://evil.example");
            await BadInputTests.AssertProblem(await noToken.SendAsync(crossSite), 403, null);
        }
        // Nothing was submitted by the refused requests.
        using var viewer = host.Client(t.Key("viewer"));
        Assert.Equal(0, (await viewer.GetFromJsonAsync<JsonElement>("v1/payments")).GetProperty("items").GetArrayLength());

        using var withToken = host.Client();
        withToken.DefaultRequestHeaders.Add("Cookie", $"{SessionCookies.Session}={sessionId}");
        withToken.DefaultRequestHeaders.Add("X-CSRF-Token", csrf);
        withToken.DefaultRequestHeaders.Add("Origin", host.BaseAddress.GetLeftPart(UriPartial.Authority));
        var created = await Json(await Submit(withToken, EurPayment(t.EurAccount)));
        var audit = await admin.GetFromJsonAsync<JsonElement>("v1/audit");
        Assert.Contains(audit.GetProperty("items").EnumerateArray(), a => a.GetProperty("subject").GetString() == created.GetProperty("id").GetString()
            && a.GetProperty("actor").GetString() == user.GetProperty("id").GetString() && a.GetProperty("actorName").GetString() == "Sam Submitter");
    }

    [Fact]
    public async Task Sign_out_and_disabling_end_the_session_at_once()
    {
        var t = await host.CreateTenantWithAccountsAsync();
        using var admin = host.Client(t.Key("admin"));
        var user = await InviteAsync(admin, "Olga", ["viewer"]);
        var id = user.GetProperty("id").GetString()!;
        var (client, _, _) = await SessionAsync(host, t.Id, id);
        using (client)
        {
            var signOut = await client.PostAsync("auth/sign-out", null);
            Assert.Equal(HttpStatusCode.NoContent, signOut.StatusCode);
            Assert.Contains(signOut.Headers.GetValues("Set-Cookie"), c => c.StartsWith(SessionCookies.Session + "=;", StringComparison.Ordinal));
            // The same cookie again (a copy kept by anyone): refused.
            await BadInputTests.AssertProblem(await client.GetAsync("v1/me"), 401, null);
        }
        var (second, _, _) = await SessionAsync(host, t.Id, id);
        using (second)
        {
            Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("v1/me")).StatusCode);
            (await admin.PatchAsJsonAsync($"v1/users/{id}", new { disabled = true })).EnsureSuccessStatusCode();
            await BadInputTests.AssertProblem(await second.GetAsync("v1/me"), 401, null);
        }
        // An invented session id is no session; a key cannot "sign out".
        using var invented = host.Client();
        invented.DefaultRequestHeaders.Add("Cookie", $"{SessionCookies.Session}={SessionTokens.New()}");
        await BadInputTests.AssertProblem(await invented.GetAsync("v1/me"), 401, null);
        await BadInputTests.AssertProblem(await admin.PostAsync("auth/sign-out", null), 409, null);
    }
}
