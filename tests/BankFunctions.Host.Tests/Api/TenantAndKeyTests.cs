using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BankFunctions.Storage;

namespace BankFunctions.Host.Tests.Api;

[Collection(HostCollection.Name)]
public sealed class TenantAndKeyTests(HostFixture host)
{
    [Fact]
    public async Task Operator_creates_tenant_and_duplicate_id_is_409()
    {
        using var op = host.Client(HostFixture.OperatorKey);
        var id = "acme-" + Guid.NewGuid().ToString("N")[..8];
        var first = await op.PostAsJsonAsync("v1/admin/tenants", new { id, name = "ACME Ltd" });
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var body = await first.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(id, body.GetProperty("id").GetString());
        Assert.Equal("ACME Ltd", body.GetProperty("name").GetString());

        var again = await op.PostAsJsonAsync("v1/admin/tenants", new { id, name = "Other" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Tenant_without_id_gets_a_generated_one()
    {
        using var op = host.Client(HostFixture.OperatorKey);
        var response = await op.PostAsJsonAsync("v1/admin/tenants", new { name = "No Id GmbH" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.StartsWith("ten_", body.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Keys_for_unknown_tenant_are_404()
    {
        using var op = host.Client(HostFixture.OperatorKey);
        var response = await op.PostAsJsonAsync("v1/admin/tenants/nobody-here/api-keys", new { name = "x", roles = new[] { "admin" } });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Key_is_stored_as_hash_only_and_works_until_revoked()
    {
        var tenant = await host.CreateTenantAsync();
        using var admin = host.Client(tenant.Key("admin"));
        var created = await admin.PostAsJsonAsync("v1/api-keys", new { name = "ci", roles = new[] { "viewer" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var json = await created.Content.ReadFromJsonAsync<JsonElement>();
        var keyId = json.GetProperty("id").GetString()!;
        var key = json.GetProperty("key").GetString()!;
        Assert.StartsWith($"bk_{keyId}_", key);
        var secret = key[$"bk_{keyId}_".Length..];

        // Neither the key nor its secret appears in any stored property.
        var storage = host.Services.GetRequiredService<StorageClients>();
        foreach (var table in TableNames.All)
        {
            await foreach (var entity in storage.Table(table).QueryAsync<Azure.Data.Tables.TableEntity>())
            {
                foreach (var value in ((IDictionary<string, object>)entity).Values)
                {
                    var text = value?.ToString() ?? "";
                    Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
                }
            }
        }

        using var viewer = host.Client(key);
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("v1/accounts")).StatusCode);

        var list = await (await admin.GetAsync("v1/api-keys")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(list.GetProperty("items").EnumerateArray(), k => k.GetProperty("id").GetString() == keyId);
        Assert.DoesNotContain("\"key\"", list.GetRawText(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"v1/api-keys/{keyId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await viewer.GetAsync("v1/accounts")).StatusCode);
        // Revoking twice is idempotent.
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"v1/api-keys/{keyId}")).StatusCode);
        var after = await (await admin.GetAsync("v1/api-keys")).Content.ReadFromJsonAsync<JsonElement>();
        var revoked = after.GetProperty("items").EnumerateArray().Single(k => k.GetProperty("id").GetString() == keyId);
        Assert.Equal(JsonValueKind.String, revoked.GetProperty("revokedAt").ValueKind);
    }

    [Fact]
    public async Task Another_tenants_key_cannot_be_revoked_404()
    {
        var a = await host.CreateTenantAsync();
        var b = await host.CreateTenantAsync();
        using var adminB = host.Client(b.Key("admin"));
        var response = await adminB.DeleteAsync($"v1/api-keys/{a.Keys["viewer"].Id}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var viewerA = host.Client(a.Key("viewer"));
        Assert.Equal(HttpStatusCode.OK, (await viewerA.GetAsync("v1/accounts")).StatusCode);
    }

    [Fact]
    public async Task Invalid_roles_are_field_errors()
    {
        var tenant = await host.CreateTenantAsync();
        using var admin = host.Client(tenant.Key("admin"));
        var response = await admin.PostAsJsonAsync("v1/api-keys", new { name = "x", roles = new[] { "viewer", "root" } });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("roles[1]", out _));
    }
}
