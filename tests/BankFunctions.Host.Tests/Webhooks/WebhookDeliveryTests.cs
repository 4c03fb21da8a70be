using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BankFunctions.Features.Events;
using BankFunctions.Features.Webhooks;
using BankFunctions.TestSupport;
using Microsoft.Extensions.Time.Testing;
using static BankFunctions.Host.Tests.Payments.PaymentApi;

namespace BankFunctions.Host.Tests.Webhooks;

/// <summary>
/// Webhook delivery on Azurite to a real receiver (issue #14): the pump delivers the feed in sequence order, signed
/// (verified by Node), once per event even with concurrent pumps; a receiver that is down holds the endpoint back on the
/// documented schedule and gets everything, in order, when it is up; 410 and 3 days of failure disable the endpoint
/// with an audit row and a webhook_endpoint.disabled event; an event can be redelivered with the same webhook-id.
/// The pumps run on a FakeTimeProvider, so back-off is stepped, never slept.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class WebhookDeliveryTests(HostFixture host) : IDisposable
{
    private readonly WebhookReceiver _receiver = new();
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

    public void Dispose() => _receiver.Dispose();

    private DeliverWebhooks Pump(IServiceScope scope) => ActivatorUtilities.CreateInstance<DeliverWebhooks>(scope.ServiceProvider, (TimeProvider)_clock);

    private async Task<int> PumpAsync(string tenantId, string endpointId)
    {
        using var scope = host.Services.CreateScope();
        return await Pump(scope).PumpAsync(tenantId, endpointId, CancellationToken.None);
    }

    private async Task SequenceAsync(string tenantId)
    {
        using var scope = host.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<SequenceEvents>().SequenceAsync(tenantId, CancellationToken.None);
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    private static async Task<List<JsonElement>> FeedAsync(HttpClient client)
    {
        var page = await client.GetFromJsonAsync<JsonElement>("v1/events?after=0&limit=1000");
        return page.GetProperty("items").EnumerateArray().ToList();
    }

    /// <summary>A tenant with an endpoint at the receiver (all types), then <paramref name="payments"/> payments submitted and sequenced.</summary>
    private async Task<(TestTenant Tenant, string EndpointId, string Secret)> ArrangeAsync(int payments, object? types = null)
    {
        var t = await host.CreateTenantWithAccountsAsync();
        using var admin = host.Client(t.Key("admin"));
        var created = await Json(await admin.PostAsJsonAsync("v1/webhook-endpoints", new { url = _receiver.Url, eventTypes = types }));
        using var submitter = host.Client(t.Key("submitter"));
        for (var i = 0; i < payments; i++)
        {
            (await Submit(submitter, EurPayment(t.EurAccount, $"{i + 1}.00"))).EnsureSuccessStatusCode();
        }
        await SequenceAsync(t.Id);
        return (t, created.GetProperty("id").GetString()!, created.GetProperty("secret").GetString()!);
    }

    private async Task<JsonElement> DeliveriesAsync(TestTenant t, string endpointId)
    {
        using var admin = host.Client(t.Key("admin"));
        return await Json(await admin.GetAsync($"v1/webhook-endpoints/{endpointId}/deliveries?limit=500"));
    }

    [Fact]
    public async Task The_feed_is_delivered_in_order_signed_once_each_even_with_concurrent_pumps()
    {
        var (t, endpointId, secret) = await ArrangeAsync(payments: 4);
        using var viewer = host.Client(t.Key("viewer"));
        var feed = await FeedAsync(viewer);
        Assert.NotEmpty(feed);

        var pumped = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => PumpAsync(t.Id, endpointId)));
        await PumpAsync(t.Id, endpointId);

        Assert.Equal(feed.Count, pumped.Sum());
        var received = _receiver.All;
        Assert.Equal(feed.Select(e => e.GetProperty("id").GetString()), received.Select(r => r.Id));
        Assert.All(await WebhookReceiver.VerifyAsync(secret, received), Assert.True);
        var first = JsonDocument.Parse(received[0].Body).RootElement;
        Assert.Equal(feed[0].GetRawText(), first.GetRawText());
        var deliveries = await DeliveriesAsync(t, endpointId);
        Assert.Equal(feed.Count, deliveries.GetProperty("items").GetArrayLength());
        Assert.All(deliveries.GetProperty("items").EnumerateArray(), d =>
        {
            Assert.Equal("delivered", d.GetProperty("status").GetString());
            Assert.Equal(1, d.GetProperty("attemptCount").GetInt32());
            Assert.Equal(204, d.GetProperty("attempts")[0].GetProperty("statusCode").GetInt32());
        });
        Assert.Equal(feed[^1].GetProperty("sequence").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture),
            deliveries.GetProperty("progress").GetProperty("deliveredThrough").GetString());
    }

    [Fact]
    public async Task Retention_deletes_delivery_records_last_tried_before_the_cutoff_and_keeps_the_rest()
    {
        var (t, endpointId, _) = await ArrangeAsync(payments: 2);
        await PumpAsync(t.Id, endpointId);
        _clock.Advance(TimeSpan.FromDays(1));
        using (var submitter = host.Client(t.Key("submitter")))
        {
            (await Submit(submitter, EurPayment(t.EurAccount, "9.00"))).EnsureSuccessStatusCode();
        }
        await SequenceAsync(t.Id);
        await PumpAsync(t.Id, endpointId);
        var before = (await DeliveriesAsync(t, endpointId)).GetProperty("items").EnumerateArray().ToList();
        var cutoff = _clock.GetUtcNow().AddHours(-12);
        var old = before.Count(d => d.GetProperty("lastAttemptAt").GetDateTimeOffset() < cutoff);
        Assert.InRange(old, 1, before.Count - 1);

        using var scope = host.Services.CreateScope();
        var deleted = await scope.ServiceProvider.GetRequiredService<EventsRetention>().PruneWebhookDeliveriesAsync(t.Id, cutoff, CancellationToken.None);

        Assert.Equal(old, deleted);
        var after = (await DeliveriesAsync(t, endpointId)).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(before.Where(d => d.GetProperty("lastAttemptAt").GetDateTimeOffset() >= cutoff).Select(d => d.GetProperty("eventId").GetString()),
            after.Select(d => d.GetProperty("eventId").GetString()));
    }

    [Fact]
    public async Task Only_the_types_an_endpoint_asked_for_are_sent()
    {
        var (t, endpointId, _) = await ArrangeAsync(payments: 2, types: new[] { "payment.approved" });
        using var approver = host.Client(t.Key("approver"));
        using var viewer = host.Client(t.Key("viewer"));
        var created = (await FeedAsync(viewer)).Where(e => e.GetProperty("type").GetString() == "payment.created").ToList();
        var paymentId = created[0].GetProperty("data").GetProperty("id").GetString()!;
        (await approver.PostAsJsonAsync($"v1/payments/{paymentId}/approve", new { reason = "ok" })).EnsureSuccessStatusCode();
        await SequenceAsync(t.Id);

        await PumpAsync(t.Id, endpointId);

        var types = _receiver.All.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("type").GetString()).ToList();
        Assert.All(types, type => Assert.Equal("payment.approved", type));
    }

    [Fact]
    public async Task A_receiver_that_is_down_holds_the_endpoint_back_on_the_schedule_and_then_gets_everything_in_order()
    {
        var (t, endpointId, _) = await ArrangeAsync(payments: 3);
        using var viewer = host.Client(t.Key("viewer"));
        var feed = await FeedAsync(viewer);
        _receiver.Down();

        Assert.Equal(0, await PumpAsync(t.Id, endpointId));
        var waiting = await DeliveriesAsync(t, endpointId);
        var head = Assert.Single(waiting.GetProperty("items").EnumerateArray());
        Assert.Equal("retrying", head.GetProperty("status").GetString());
        Assert.Equal("connection failed", head.GetProperty("attempts")[0].GetProperty("error").GetString());
        Assert.Equal(_clock.GetUtcNow() + TimeSpan.FromSeconds(5), head.GetProperty("nextAttemptAt").GetDateTimeOffset());
        Assert.Equal(0, await PumpAsync(t.Id, endpointId)); // Backing off: a wake-up before the time does nothing.

        _clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(0, await PumpAsync(t.Id, endpointId));
        Assert.Equal(_clock.GetUtcNow() + TimeSpan.FromMinutes(5),
            (await DeliveriesAsync(t, endpointId)).GetProperty("items")[0].GetProperty("nextAttemptAt").GetDateTimeOffset());

        _receiver.Up();
        _clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(feed.Count, await PumpAsync(t.Id, endpointId));
        Assert.Equal(feed.Select(e => e.GetProperty("id").GetString()), _receiver.All.Select(r => r.Id));
        var done = await DeliveriesAsync(t, endpointId);
        Assert.All(done.GetProperty("items").EnumerateArray(), d => Assert.Equal("delivered", d.GetProperty("status").GetString()));
        Assert.Equal(3, done.GetProperty("items").EnumerateArray().Single(d => d.GetProperty("sequence").GetInt64() == feed[0].GetProperty("sequence").GetInt64())
            .GetProperty("attemptCount").GetInt32());
        Assert.False(done.GetProperty("progress").TryGetProperty("failingSince", out _));
    }

    [Fact]
    public async Task Enabling_an_endpoint_that_is_backing_off_tries_its_held_event_now_not_at_the_next_step()
    {
        var (t, endpointId, _) = await ArrangeAsync(payments: 2);
        using var viewer = host.Client(t.Key("viewer"));
        using var admin = host.Client(t.Key("admin"));
        var feed = await FeedAsync(viewer);
        _receiver.Down();
        Assert.Equal(0, await PumpAsync(t.Id, endpointId));
        _clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(0, await PumpAsync(t.Id, endpointId)); // The second failure: the next step is 5 minutes away.
        _receiver.Up();
        Assert.Equal(0, await PumpAsync(t.Id, endpointId)); // Fixed, but still backing off.

        (await admin.PatchAsJsonAsync($"v1/webhook-endpoints/{endpointId}", new { enabled = true })).EnsureSuccessStatusCode();
        await PumpAsync(t.Id, endpointId); // The host's own pump, woken by the PATCH, may deliver first: either way, now.

        var received = await _receiver.WaitForAsync(feed.Count, TimeSpan.FromSeconds(30));
        Assert.Equal(feed.Select(e => e.GetProperty("id").GetString()), received.Select(r => r.Id).Distinct());
        var head = (await DeliveriesAsync(t, endpointId)).GetProperty("items").EnumerateArray()
            .Single(d => d.GetProperty("sequence").GetInt64() == feed[0].GetProperty("sequence").GetInt64());
        Assert.Equal("delivered", head.GetProperty("status").GetString());
        Assert.Equal(3, head.GetProperty("attemptCount").GetInt32());
    }

    [Fact]
    public async Task A_410_disables_the_endpoint_with_an_audit_row_and_an_event_and_enabling_it_delivers_what_it_missed()
    {
        var (t, endpointId, _) = await ArrangeAsync(payments: 2);
        using var admin = host.Client(t.Key("admin"));
        using var viewer = host.Client(t.Key("viewer"));
        var feed = await FeedAsync(viewer);
        _receiver.Answer = context => WebhookReceiver.Respond(context, 410);

        await PumpAsync(t.Id, endpointId);
        await SequenceAsync(t.Id);

        var endpoint = await Json(await admin.GetAsync($"v1/webhook-endpoints/{endpointId}"));
        Assert.False(endpoint.GetProperty("enabled").GetBoolean());
        Assert.Equal("gone", endpoint.GetProperty("disabledReason").GetString());
        Assert.Single(_receiver.All);
        var disabled = (await FeedAsync(viewer)).Single(e => e.GetProperty("type").GetString() == EventTypes.WebhookEndpointDisabled);
        Assert.Equal(endpointId, disabled.GetProperty("data").GetProperty("id").GetString());
        var audit = await Json(await admin.GetAsync("v1/audit"));
        Assert.Contains(audit.GetProperty("items").EnumerateArray(), a => a.GetProperty("action").GetString() == EventTypes.WebhookEndpointDisabled
            && a.GetProperty("actor").GetString() == "system:DeliverWebhooks");
        Assert.Equal(0, await PumpAsync(t.Id, endpointId)); // Disabled: nothing goes.

        _receiver.Answer = context => WebhookReceiver.Respond(context, 200);
        (await admin.PatchAsJsonAsync($"v1/webhook-endpoints/{endpointId}", new { enabled = true })).EnsureSuccessStatusCode();
        await SequenceAsync(t.Id);
        await PumpAsync(t.Id, endpointId);

        var ids = _receiver.All.Skip(1).Select(r => r.Id).ToList();
        Assert.Equal(feed[0].GetProperty("id").GetString(), ids[0]); // The 410'd head first again: nothing lost.
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Contains(disabled.GetProperty("id").GetString(), ids);
    }

    [Fact]
    public async Task An_endpoint_failing_for_three_days_gives_up_spent_events_and_is_disabled()
    {
        var (t, endpointId, _) = await ArrangeAsync(payments: 6);
        using var admin = host.Client(t.Key("admin"));
        _receiver.Answer = context => WebhookReceiver.Respond(context, 503);
        var start = _clock.GetUtcNow();

        for (var round = 0; round < 60; round++)
        {
            await PumpAsync(t.Id, endpointId);
            var progress = (await DeliveriesAsync(t, endpointId)).GetProperty("progress");
            if (!progress.TryGetProperty("nextAttemptAt", out var next))
            {
                break;
            }
            _clock.AdjustTime(next.GetDateTimeOffset());
        }

        var endpoint = await Json(await admin.GetAsync($"v1/webhook-endpoints/{endpointId}"));
        Assert.False(endpoint.GetProperty("enabled").GetBoolean());
        Assert.Equal("failing", endpoint.GetProperty("disabledReason").GetString());
        Assert.InRange(_clock.GetUtcNow() - start, TimeSpan.FromDays(3), TimeSpan.FromDays(3.5));
        var items = (await DeliveriesAsync(t, endpointId)).GetProperty("items").EnumerateArray().ToList();
        var givenUp = items.Where(d => d.GetProperty("status").GetString() == "failed").ToList();
        Assert.True(givenUp.Count >= 2, $"expected spent events, got {givenUp.Count}");
        Assert.Equal(WebhookBackoff.MaxAttempts, givenUp.Max(d => d.GetProperty("attemptCount").GetInt32()));
    }

    [Fact]
    public async Task An_event_is_redelivered_with_the_same_webhook_id_and_another_tenants_event_is_not_found()
    {
        var (t, endpointId, secret) = await ArrangeAsync(payments: 1);
        var other = await host.CreateTenantAsync();
        using var admin = host.Client(t.Key("admin"));
        using var viewer = host.Client(t.Key("viewer"));
        await PumpAsync(t.Id, endpointId);
        var e = (await FeedAsync(viewer))[0];
        var eventId = e.GetProperty("id").GetString()!;

        var asked = await admin.PostAsJsonAsync($"v1/events/{eventId}/redeliver", new { endpointId });
        Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        var answer = await Json(asked);
        Assert.Equal([endpointId], answer.GetProperty("endpointIds").EnumerateArray().Select(x => x.GetString()));
        using (var scope = host.Services.CreateScope())
        {
            await Pump(scope).RedeliverAsync(t.Id, endpointId, long.Parse(answer.GetProperty("sequence").GetString()!, System.Globalization.CultureInfo.InvariantCulture), 0,
                CancellationToken.None);
        }

        var copies = _receiver.All.Where(r => r.Id == eventId).ToList();
        Assert.Equal(2, copies.Count);
        Assert.Equal(copies[0].Body, copies[1].Body);
        Assert.All(await WebhookReceiver.VerifyAsync(secret, copies), Assert.True);
        var record = (await DeliveriesAsync(t, endpointId)).GetProperty("items").EnumerateArray().Single(d => d.GetProperty("eventId").GetString() == eventId);
        Assert.Equal(2, record.GetProperty("attemptCount").GetInt32());
        Assert.True(record.GetProperty("attempts")[1].GetProperty("redelivery").GetBoolean());
        using var stranger = host.Client(other.Key("admin"));
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsJsonAsync($"v1/events/{eventId}/redeliver", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsJsonAsync($"v1/events/{eventId}/redeliver", new { endpointId = "we_nope" })).StatusCode);
    }
}
