using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BankFunctions.Storage.Encryption;
using BankFunctions.Storage.Rows;

namespace BankFunctions.Host.Tests.Encryption;

/// <summary>
/// The operator's key rotations (docs/ENCRYPTION.md "Rotation") through the API of a host with encryption at rest on:
/// a tenant's new data key version, and after the key file's KEK rotates, a re-wrap of every data key — the tenant's data
/// reads the same throughout. Only the operator may; an unknown tenant is a 404; a host without encryption says 409.
/// </summary>
public sealed class KeyRotationRouteTests(EncryptedEndToEndFixture e2e) : IClassFixture<EncryptedEndToEndFixture>
{
    [Fact]
    public async Task The_operator_rotates_a_tenants_data_key_and_rewraps_after_a_KEK_rotation_and_the_data_reads_the_same()
    {
        var o = await e2e.OnboardAsync();
        using var viewer = e2e.Host.Client(o.Tenant.Key("viewer"));
        var accounts = await viewer.GetStringAsync("v1/accounts");
        Assert.Contains(o.IsoIban, accounts, StringComparison.Ordinal);
        using var op = e2e.Host.Client(HostFixture.OperatorKey);

        var rotated = await op.PostAsync($"v1/admin/tenants/{o.Tenant.Id}/data-key/rotate", null);
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        Assert.Equal(2, (await rotated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32());

        var kekId = new LocalKeyFileKek(e2e.KeyFile).Rotate();
        var rewrap = await op.PostAsync("v1/admin/encryption/rewrap", null);
        Assert.Equal(HttpStatusCode.OK, rewrap.StatusCode);
        Assert.True((await rewrap.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rewrapped").GetInt32() >= 2);
        var keys = e2e.Host.Services.GetRequiredService<BankFunctions.Storage.StorageClients>().Table(BankFunctions.Storage.TableNames.TenantKeys);
        await foreach (var row in keys.QueryAsync<TenantKeyRow>(r => r.PartitionKey == o.Tenant.Id))
        {
            Assert.Equal(kekId, row.KekId);
        }
        // Nothing left to re-wrap: it is idempotent.
        Assert.Equal(0, (await (await op.PostAsync("v1/admin/encryption/rewrap", null)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rewrapped").GetInt32());
        Assert.Equal(accounts, await viewer.GetStringAsync("v1/accounts"));

        Assert.Equal(HttpStatusCode.NotFound, (await op.PostAsync("v1/admin/tenants/t-unknown/data-key/rotate", null)).StatusCode);
        using var admin = e2e.Host.Client(o.Tenant.Key("admin"));
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.PostAsync("v1/admin/encryption/rewrap", null)).StatusCode);
    }

    [Fact]
    public async Task A_host_without_encryption_answers_409()
    {
        var plain = new HostFixture();
        plain.Settings["Encryption:Kek"] = "none";
        await plain.InitializeAsync();
        try
        {
            using var op = plain.Client(HostFixture.OperatorKey);
            var refused = await op.PostAsync("v1/admin/encryption/rewrap", null);
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            Assert.Equal("https://bankfunctions.dev/problems/invalid-state", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString());
            // The data key routes of a known tenant say the same (an unknown tenant is a 404 first).
            var tenant = await plain.CreateTenantAsync();
            foreach (var (method, path) in new[] { ("POST", "rotate"), ("POST", "reseal"), ("GET", "reseal") })
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), $"v1/admin/tenants/{tenant.Id}/data-key/{path}");
                var response = await op.SendAsync(request);
                Assert.True(response.StatusCode == HttpStatusCode.Conflict, $"{method} {path}: {response.StatusCode}");
            }
        }
        finally
        {
            await plain.DisposeAsync();
        }
    }
}
