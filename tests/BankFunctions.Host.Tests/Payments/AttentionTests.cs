using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BankFunctions.Features.Dispatch;
using BankFunctions.Features.Runtime;
using BankFunctions.Storage;
using static BankFunctions.Host.Tests.Payments.PaymentApi;

namespace BankFunctions.Host.Tests.Payments;

/// <summary>
/// The needs_attention routes (issue #17) through the host on Azurite. A payment is put into needs_attention by the
/// real poison handler (as after a stage's fifth failed delivery); the bank side is the end-to-end test's
/// (<c>AttentionEndToEndTests</c>).
/// </summary>
[Collection(HostCollection.Name)]
public sealed class AttentionTests(HostFixture host)
{
    /// <summary>A pending_approval payment of a fresh tenant, made needs_attention by the sign stage's poison handler.</summary>
    private async Task<(TestTenant Tenant, string Id)> NeedsAttentionAsync(string creator = "submitter")
    {
        var t = await host.CreateTenantWithAccountsAsync();
        using var client = host.Client(t.Key(creator));
        var id = (await Json(await Submit(client, EurPayment(t.EurAccount)))).GetProperty("id").GetString()!;
        using var scope = host.Services.CreateScope();
        var poison = scope.ServiceProvider.GetRequiredService<PoisonedPayments>();
        await poison.HandleAsync(new QueueMessageContext(QueueNames.Poison(QueueNames.PaymentsSign), "m1",
            JsonSerializer.Serialize(new { tenantId = t.Id, paymentId = id }), 1, null), default);
        return (t, id);
    }

    private static Task<HttpResponseMessage> Post(HttpClient client, string path, object? body = null) =>
        body is null ? client.PostAsync(path, null) : client.PostAsJsonAsync(path, body);

    private static object Failed => new { outcome = "failed", reason = "The bank confirmed it never executed it", evidence = "Call with the bank, ref 4711" };
    private static object Completed => new { outcome = "completed", reason = "Booked on the 4 Dec statement", evidence = "camt.053 entry REF123" };

    [Fact]
    public async Task Failed_takes_effect_at_once_is_audited_with_the_key_and_a_second_resolution_is_409()
    {
        var (t, id) = await NeedsAttentionAsync();
        using var admin = host.Client(t.Key("admin"));

        var view = await admin.GetFromJsonAsync<JsonElement>($"v1/payments/{id}/attention");
        Assert.Equal("needs_attention", view.GetProperty("payment").GetProperty("status").GetString());
        Assert.False(view.TryGetProperty("file", out _)); // never signed: no bank file
        var requery = await Post(admin, $"v1/payments/{id}/attention/requery");
        Assert.Equal(HttpStatusCode.Conflict, requery.StatusCode);
        Assert.Contains("never went into a bank file", (await Json(requery)).GetProperty("detail").GetString(), StringComparison.Ordinal);

        var resolved = await Json(await Post(admin, $"v1/payments/{id}/attention/resolve", Failed));
        Assert.Equal("failed", resolved.GetProperty("status").GetString());
        Assert.Equal("Resolved as failed: The bank confirmed it never executed it", resolved.GetProperty("statusReason").GetString());
        var entry = resolved.GetProperty("attention").GetProperty("log")[0];
        Assert.Equal(("resolved_failed", t.Keys["admin"].Id, "Call with the bank, ref 4711"),
            (entry.GetProperty("action").GetString(), entry.GetProperty("by").GetString(), entry.GetProperty("evidence").GetString()));

        var again = await Post(admin, $"v1/payments/{id}/attention/resolve", Failed);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.EndsWith("/invalid-state", (await Json(again)).GetProperty("type").GetString(), StringComparison.Ordinal);

        var audit = await admin.GetFromJsonAsync<JsonElement>("v1/audit?limit=1000");
        var row = audit.GetProperty("items").EnumerateArray().Single(e => e.GetProperty("action").GetString() == "payment.attention.resolved-failed");
        Assert.Equal(t.Keys["admin"].Id, row.GetProperty("actor").GetString());
        Assert.Contains("needs_attention", row.GetProperty("before").GetString(), StringComparison.Ordinal);
        Assert.Contains("Call with the bank, ref 4711", row.GetProperty("after").GetString(), StringComparison.Ordinal);
        Assert.True((await admin.GetFromJsonAsync<JsonElement>("v1/audit/verify")).GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task Completed_needs_a_second_person_who_is_neither_the_proposer_nor_the_creator()
    {
        var (t, id) = await NeedsAttentionAsync(creator: "all");
        using var admin = host.Client(t.Key("admin"));
        using var creator = host.Client(t.Key("all"));
        using var op = host.Client(HostFixture.OperatorKey);

        var proposed = await Json(await Post(admin, $"v1/payments/{id}/attention/resolve", Completed));
        Assert.Equal("needs_attention", proposed.GetProperty("status").GetString());
        var pending = proposed.GetProperty("attention").GetProperty("pendingResolution");
        Assert.Equal(("completed", t.Keys["admin"].Id), (pending.GetProperty("outcome").GetString(), pending.GetProperty("by").GetString()));

        Assert.Equal(HttpStatusCode.Forbidden, (await Post(admin, $"v1/payments/{id}/attention/confirm")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Post(creator, $"v1/payments/{id}/attention/confirm")).StatusCode);
        var second = await Post(creator, $"v1/payments/{id}/attention/resolve", Completed);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.EndsWith("/conflict", (await Json(second)).GetProperty("type").GetString(), StringComparison.Ordinal);

        // The operator is a second person here (actor "operator"), confirming on the operator's twin route.
        var confirmed = await Json(await Post(op, $"v1/admin/tenants/{t.Id}/payments/{id}/attention/confirm", new { reason = "checked the statement" }));
        Assert.Equal("completed", confirmed.GetProperty("status").GetString());
        Assert.False(confirmed.GetProperty("attention").TryGetProperty("pendingResolution", out _));
        Assert.Equal(HttpStatusCode.Conflict, (await Post(op, $"v1/admin/tenants/{t.Id}/payments/{id}/attention/confirm")).StatusCode);

        var audit = await admin.GetFromJsonAsync<JsonElement>("v1/audit?limit=1000");
        var actors = audit.GetProperty("items").EnumerateArray()
            .Where(e => e.GetProperty("action").GetString()!.StartsWith("payment.attention.", StringComparison.Ordinal))
            .Select(e => (e.GetProperty("action").GetString(), e.GetProperty("actor").GetString())).ToHashSet();
        Assert.Equal(new HashSet<(string?, string?)>
        {
            ("payment.attention.completion-proposed", t.Keys["admin"].Id),
            ("payment.attention.resolved-completed", "operator"),
        }, actors);
    }

    [Fact]
    public async Task Another_tenants_key_and_another_tenants_id_get_404_on_every_new_route()
    {
        var (t, id) = await NeedsAttentionAsync();
        var other = await host.CreateTenantAsync();
        using var stranger = host.Client(other.Key("all"));
        using var op = host.Client(HostFixture.OperatorKey);

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"v1/payments/{id}/attention")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Post(stranger, $"v1/payments/{id}/attention/requery")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Post(stranger, $"v1/payments/{id}/attention/resolve", Failed)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Post(stranger, $"v1/payments/{id}/attention/confirm")).StatusCode);
        foreach (var tenant in new[] { other.Id, "tnobodyhere0000" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await op.GetAsync($"v1/admin/tenants/{tenant}/payments/{id}/attention")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await Post(op, $"v1/admin/tenants/{tenant}/payments/{id}/attention/requery")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await Post(op, $"v1/admin/tenants/{tenant}/payments/{id}/attention/resolve", Failed)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await Post(op, $"v1/admin/tenants/{tenant}/payments/{id}/attention/confirm")).StatusCode);
        }
        // Nothing of that touched it; its own tenant's operator route sees it.
        var view = await op.GetFromJsonAsync<JsonElement>($"v1/admin/tenants/{t.Id}/payments/{id}/attention");
        Assert.Equal("needs_attention", view.GetProperty("payment").GetProperty("status").GetString());
        Assert.False(view.GetProperty("payment").TryGetProperty("attention", out _));
    }

    public static TheoryData<string, string[]> BadBodies => new()
    {
        { "{}", ["outcome", "reason", "evidence"] },
        { """{"outcome":"failed","reason":"  ","evidence":"x"}""", ["reason"] },
        { $$"""{"outcome":"failed","reason":"{{new string('r', 141)}}","evidence":"{{new string('e', 1001)}}"}""", ["reason", "evidence"] },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Bad_input_is_400_with_field_errors_and_changes_nothing(string body, string[] fields)
    {
        var (t, id) = await NeedsAttentionAsync();
        using var admin = host.Client(t.Key("admin"));
        var response = await admin.PostAsync($"v1/payments/{id}/attention/resolve", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await Json(response)).GetProperty("errors");
        Assert.Equal(fields.Order(StringComparer.Ordinal), errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        var payment = await admin.GetFromJsonAsync<JsonElement>($"v1/payments/{id}/attention");
        Assert.Equal("needs_attention", payment.GetProperty("payment").GetProperty("status").GetString());
        Assert.False(payment.GetProperty("payment").TryGetProperty("attention", out _));
    }

    [Fact]
    public async Task An_unknown_outcome_is_400()
    {
        var (t, id) = await NeedsAttentionAsync();
        using var admin = host.Client(t.Key("admin"));
        var response = await Post(admin, $"v1/payments/{id}/attention/resolve", new { outcome = "resent", reason = "r", evidence = "e" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_payment_not_in_needs_attention_is_409_on_every_action()
    {
        var t = await host.CreateTenantWithAccountsAsync();
        using var submitter = host.Client(t.Key("submitter"));
        using var admin = host.Client(t.Key("admin"));
        var id = (await Json(await Submit(submitter, EurPayment(t.EurAccount)))).GetProperty("id").GetString()!;

        foreach (var (path, body) in new (string, object?)[] { ("requery", null), ("resolve", Failed), ("resolve", Completed), ("confirm", null) })
        {
            var response = await Post(admin, $"v1/payments/{id}/attention/{path}", body);
            Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
            var problem = await Json(response);
            Assert.EndsWith("/invalid-state", problem.GetProperty("type").GetString(), StringComparison.Ordinal);
            Assert.Contains("pending_approval", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
        Assert.Equal("pending_approval", (await admin.GetFromJsonAsync<JsonElement>($"v1/payments/{id}/attention")).GetProperty("payment").GetProperty("status").GetString());
    }
}
