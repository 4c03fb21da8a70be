using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BankFunctions.TestSupport;

namespace BankFunctions.Host.Tests.Webhooks;

/// <summary>
/// The webhook endpoint routes on Azurite (issue #14): registration with the SSRF guard and field errors, the secret
/// shown once, rotation with both signatures for 24 hours (checked by Node), the test event, admin only and tenant
/// isolation (another tenant's id is a 404).
/// </summary>
[Collection(HostCollection.Name)]
public sealed class WebhookEndpointTests(HostFixture host) : IDisposable
{
    private readonly WebhookReceiver _receiver = new();

    public void Dispose() => _receiver.Dispose();

    private static async Task<JsonElement> Json(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    [Fact]
    public async Task An_endpoint_is_created_with_a_secret_shown_once_then_read_listed_changed_and_deleted()
    {
        var t = await host.CreateTenantAsync();
        using var admin = host.Client(t.Key("admin"));

        var created = await admin.PostAsJsonAsync("v1/webhook-endpoints", new { url = _receiver.Url, description = "ERP", eventTypes = new[] { "payment.completed" } });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await Json(created);
        var id = body.GetProperty("id").GetString()!;
        Assert.StartsWith("we_", id, StringComparison.Ordinal);
        Assert.Equal("/v1/webhook-endpoints/" + id, created.Headers.Location!.ToString());
        Assert.StartsWith("whsec_", body.GetProperty("secret").GetString(), StringComparison.Ordinal);
        Assert.True(body.GetProperty("enabled").GetBoolean());
        var read = await Json(await admin.GetAsync($"v1/webhook-endpoints/{id}"));
        Assert.False(read.TryGetProperty("secret", out _));
        Assert.Equal("ERP", read.GetProperty("description").GetString());
        var list = await Json(await admin.GetAsync("v1/webhook-endpoints"));
        Assert.Equal(id, Assert.Single(list.GetProperty("items").EnumerateArray()).GetProperty("id").GetString());
        Assert.DoesNotContain("whsec_", list.GetRawText(), StringComparison.Ordinal);

        var patched = await admin.PatchAsJsonAsync($"v1/webhook-endpoints/{id}", new { eventTypes = Array.Empty<string>(), enabled = false });
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        var after = await Json(patched);
        Assert.Empty(after.GetProperty("eventTypes").EnumerateArray());
        Assert.False(after.GetProperty("enabled").GetBoolean());
        Assert.Equal("tenant", after.GetProperty("disabledReason").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"v1/webhook-endpoints/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"v1/webhook-endpoints/{id}")).StatusCode);
        var audit = await Json(await admin.GetAsync("v1/audit"));
        var actions = audit.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("action").GetString()).ToList();
        Assert.Contains("webhook_endpoint.created", actions);
        Assert.Contains("webhook_endpoint.updated", actions);
        Assert.Contains("webhook_endpoint.deleted", actions);
        Assert.DoesNotContain("whsec_", audit.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_input_gets_field_errors_and_changes_nothing()
    {
        var t = await host.CreateTenantAsync();
        using var admin = host.Client(t.Key("admin"));

        var bad = await admin.PostAsJsonAsync("v1/webhook-endpoints", new { url = "ftp://example.com/x", eventTypes = new[] { "payment.teleported" } });
        var missing = await admin.PostAsJsonAsync("v1/webhook-endpoints", new { description = "no url" });
        var internalTarget = await admin.PostAsJsonAsync("v1/webhook-endpoints", new { url = "https://169.254.169.254/latest" });

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await Json(bad)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("url", out _));
        Assert.Contains("payment.teleported", errors.GetProperty("eventTypes[0]")[0].GetString(), StringComparison.Ordinal);
        Assert.True((await Json(missing)).GetProperty("errors").TryGetProperty("url", out _));
        Assert.Contains("private, loopback or link-local", (await Json(internalTarget)).GetProperty("errors").GetProperty("url")[0].GetString(), StringComparison.Ordinal);
        Assert.Empty((await Json(await admin.GetAsync("v1/webhook-endpoints"))).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Only_an_admin_of_the_tenant_sees_or_touches_an_endpoint()
    {
        var t = await host.CreateTenantAsync();
        var other = await host.CreateTenantAsync();
        using var admin = host.Client(t.Key("admin"));
        var id = (await Json(await admin.PostAsJsonAsync("v1/webhook-endpoints", new { url = _receiver.Url }))).GetProperty("id").GetString()!;
        using var stranger = host.Client(other.Key("admin"));
        using var viewer = host.Client(t.Key("viewer"));

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"v1/webhook-endpoints/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PatchAsJsonAsync($"v1/webhook-endpoints/{id}", new { enabled = false })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.DeleteAsync($"v1/webhook-endpoints/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsync($"v1/webhook-endpoints/{id}/rotate-secret", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsync($"v1/webhook-endpoints/{id}/test", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"v1/webhook-endpoints/{id}/deliveries")).StatusCode);
        Assert.Empty((await Json(await stranger.GetAsync("v1/webhook-endpoints"))).GetProperty("items").EnumerateArray());
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync("v1/webhook-endpoints")).StatusCode);
        Assert.Empty(_receiver.All);
    }

    [Fact]
    public async Task After_a_rotation_deliveries_carry_both_signatures_and_the_test_event_reaches_the_receiver()
    {
        var t = await host.CreateTenantAsync();
        using var admin = host.Client(t.Key("admin"));
        var created = await Json(await admin.PostAsJsonAsync("v1/webhook-endpoints", new { url = _receiver.Url }));
        var id = created.GetProperty("id").GetString()!;
        var first = created.GetProperty("secret").GetString()!;

        var rotated = await Json(await admin.PostAsync($"v1/webhook-endpoints/{id}/rotate-secret", null));
        var second = rotated.GetProperty("secret").GetString()!;
        var test = await Json(await admin.PostAsync($"v1/webhook-endpoints/{id}/test", null));

        Assert.NotEqual(first, second);
        Assert.True(rotated.TryGetProperty("previousSecretExpiresAt", out _));
        Assert.True(test.GetProperty("delivered").GetBoolean());
        Assert.Equal(204, test.GetProperty("statusCode").GetInt32());
        var message = Assert.Single(_receiver.All);
        Assert.Equal(test.GetProperty("eventId").GetString(), message.Id);
        var body = JsonDocument.Parse(message.Body).RootElement;
        Assert.Equal("webhook_endpoint.test", body.GetProperty("type").GetString());
        Assert.Equal(t.Id, body.GetProperty("tenantId").GetString());
        Assert.Equal([true], await WebhookReceiver.VerifyAsync(first, [message]));
        Assert.Equal([true], await WebhookReceiver.VerifyAsync(second, [message]));
        Assert.Equal([false], await WebhookReceiver.VerifyAsync("whsec_" + Convert.ToBase64String(new byte[32]), [message]));

        _receiver.Answer = context => WebhookReceiver.Respond(context, 500);
        var failing = await Json(await admin.PostAsync($"v1/webhook-endpoints/{id}/test", null));
        Assert.False(failing.GetProperty("delivered").GetBoolean());
        Assert.Equal(500, failing.GetProperty("statusCode").GetInt32());
    }
}
