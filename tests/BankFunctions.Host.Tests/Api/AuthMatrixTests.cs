using System.Net;
using System.Text;
using BankFunctions.Features;
using BankFunctions.Features.Auth;
using BankFunctions.Features.Runtime;

namespace BankFunctions.Host.Tests.Api;

/// <summary>
/// Every catalog route × {no key, malformed key, wrong secret, revoked key, each role, operator key, other tenant's
/// key} gives the contracted status: 401 unauthenticated, 403 known key without the role, never a 500.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class AuthMatrixTests(HostFixture host)
{
    public static TheoryData<string> ProtectedRoutes()
    {
        var data = new TheoryData<string>();
        foreach (var f in FunctionCatalog.All)
        {
            if (f.Trigger is HttpTrigger { Access: not AnonymousAccess })
            {
                data.Add(f.Name);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(ProtectedRoutes))]
    public async Task Route_enforces_its_access(string functionName)
    {
        var function = FunctionCatalog.All.Single(f => f.Name == functionName);
        var http = (HttpTrigger)function.Trigger;
        var tenant = await host.CreateTenantAsync();
        var other = await host.CreateTenantAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, await Send(http, tenant, null));
        Assert.Equal(HttpStatusCode.Unauthorized, await Send(http, tenant, "not-a-key"));
        var viewer = tenant.Keys["viewer"];
        Assert.Equal(HttpStatusCode.Unauthorized, await Send(http, tenant, $"bk_{viewer.Id}_wrongsecretwrongsecretwrongsecret12"));

        switch (http.Access)
        {
            case OperatorAccess:
                Assert.Equal(HttpStatusCode.Forbidden, await Send(http, tenant, tenant.Key("all")));
                Assert.NotEqual(HttpStatusCode.Forbidden, await Send(http, tenant, HostFixture.OperatorKey));
                break;
            case TenantAccess t:
                Assert.Equal(HttpStatusCode.Forbidden, await Send(http, tenant, HostFixture.OperatorKey));
                foreach (var role in new[] { Role.Viewer, Role.Submitter, Role.Approver, Role.Admin })
                {
                    var status = await Send(http, tenant, tenant.Key(Roles.Format(role)));
                    // Role.None: any tenant caller (GET /v1/me, POST /auth/sign-out).
                    if (role == t.Role || t.Role == Role.None)
                    {
                        Assert.True(status is not HttpStatusCode.Unauthorized and not HttpStatusCode.Forbidden and < HttpStatusCode.InternalServerError,
                            $"{functionName} with role {role}: {status}");
                    }
                    else
                    {
                        Assert.Equal(HttpStatusCode.Forbidden, status);
                    }
                }
                // Another tenant's key with every role never reaches this tenant's resources.
                if (http.Route.Contains('{', StringComparison.Ordinal))
                {
                    var status = await Send(http, tenant, other.Key("all"));
                    Assert.True(status is HttpStatusCode.NotFound or HttpStatusCode.BadRequest, $"{functionName} as other tenant: {status}");
                }
                break;
        }

        // A revoked key is 401 everywhere.
        using (var admin = host.Client(tenant.Key("admin")))
        {
            Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"v1/api-keys/{tenant.Keys["all"].Id}")).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, await Send(http, tenant, tenant.Key("all")));
    }

    private async Task<HttpStatusCode> Send(HttpTrigger http, TestTenant owner, string? key)
    {
        using var client = host.Client(key);
        var route = http.Route
            .Replace("{tenantId}", owner.Id, StringComparison.Ordinal)
            .Replace("{id}", "res_doesnotexist", StringComparison.Ordinal);
        using var request = new HttpRequestMessage(new HttpMethod(http.Method), route);
        if (http.Method is "POST" or "PUT" or "PATCH")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        }
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }
}
