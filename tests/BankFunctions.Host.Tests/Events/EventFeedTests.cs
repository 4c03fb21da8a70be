using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BankFunctions.Features.Events;
using BankFunctions.Storage;
using BankFunctions.Storage.Rows;
using static BankFunctions.Host.Tests.Payments.PaymentApi;

namespace BankFunctions.Host.Tests.Events;

/// <summary>
/// The events feed on Azurite (issue #14): every audited change commits its events, the sequencer numbers them, and
/// GET /v1/events reads them gap-free in order — also while many requests write and several sequencers run at once.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class EventFeedTests(HostFixture host)
{
    private async Task<int> SequenceAsync(string tenantId)
    {
        using var scope = host.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<SequenceEvents>().SequenceAsync(tenantId, CancellationToken.None);
    }

    private static async Task<List<JsonElement>> FeedAsync(HttpClient client, string query = "")
    {
        var all = new List<JsonElement>();
        var after = "0";
        while (true)
        {
            var page = await client.GetFromJsonAsync<JsonElement>($"v1/events?after={after}&limit=7{query}");
            all.AddRange(page.GetProperty("items").EnumerateArray());
            after = page.GetProperty("next").GetString()!;
            if (!page.GetProperty("hasMore").GetBoolean())
            {
                return all;
            }
        }
    }

    [Fact]
    public async Task Concurrent_writers_and_sequencers_make_a_feed_without_gaps_or_duplicates()
    {
        var t = await host.CreateTenantWithAccountsAsync();
        using var submitter = host.Client(t.Key("submitter"));
        using var done = new CancellationTokenSource();
        // Three sequencers keep numbering while the payments are written, as nudges from three instances would.
        var sequencers = Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
        {
            while (!done.IsCancellationRequested)
            {
                await SequenceAsync(t.Id);
            }
        })).ToList();
        var submitted = await Task.WhenAll(Enumerable.Range(0, 30).Select(async i =>
            (await Json(await Submit(submitter, EurPayment(t.EurAccount, $"{i + 1}.00")))).GetProperty("id").GetString()!));
        await done.CancelAsync();
        await Task.WhenAll(sequencers);
        await SequenceAsync(t.Id);

        using var viewer = host.Client(t.Key("viewer"));
        var feed = await FeedAsync(viewer);
        Assert.Equal(Enumerable.Range(1, feed.Count).Select(i => (long)i), feed.Select(e => e.GetProperty("sequence").GetInt64()));
        Assert.Equal(feed.Count, feed.Select(e => e.GetProperty("id").GetString()).Distinct().Count());
        var created = feed.Where(e => e.GetProperty("type").GetString() == "payment.created").Select(e => e.GetProperty("data").GetProperty("id").GetString()).ToList();
        Assert.Equal(submitted.Order(StringComparer.Ordinal), created.Order(StringComparer.Ordinal));
        Assert.All(feed, e => Assert.Equal(t.Id, e.GetProperty("tenantId").GetString()));
        // Nothing is left unsequenced.
        var table = host.Services.GetRequiredService<StorageClients>().Table(TableNames.TenantData);
        Assert.Empty(await table.QueryAsync<PendingEventRow>(TableKeys.PrefixFilter(t.Id, TableKeys.EventPendingPrefix)).ToListAsync());
    }

    [Fact]
    public async Task The_feed_filters_by_type_resumes_after_a_sequence_and_shows_only_the_callers_tenant()
    {
        var t = await host.CreateTenantWithAccountsAsync();
        var other = await host.CreateTenantWithAccountsAsync();
        using var submitter = host.Client(t.Key("submitter"));
        using var approver = host.Client(t.Key("approver"));
        var id = (await Json(await Submit(submitter, EurPayment(t.EurAccount, "20000.00")))).GetProperty("id").GetString()!;
        (await approver.PostAsJsonAsync($"v1/payments/{id}/reject", new { reason = "Wrong supplier" })).EnsureSuccessStatusCode();
        await SequenceAsync(t.Id);
        await SequenceAsync(other.Id);

        using var viewer = host.Client(t.Key("viewer"));
        var feed = await FeedAsync(viewer);
        Assert.Equal(["payment.created", "payment.rejected"], feed.Select(e => e.GetProperty("type").GetString()));
        var rejected = feed[1];
        Assert.Equal("rejected", rejected.GetProperty("data").GetProperty("status").GetString());
        Assert.Equal(id, rejected.GetProperty("data").GetProperty("id").GetString());
        Assert.Equal(["payment.rejected"], (await FeedAsync(viewer, "&type=payment.rejected,payment.sent")).Select(e => e.GetProperty("type").GetString()));

        var after = await viewer.GetFromJsonAsync<JsonElement>("v1/events?after=1");
        Assert.Equal(2, Assert.Single(after.GetProperty("items").EnumerateArray()).GetProperty("sequence").GetInt64());
        var caughtUp = await viewer.GetFromJsonAsync<JsonElement>("v1/events?after=2");
        Assert.Empty(caughtUp.GetProperty("items").EnumerateArray());
        Assert.Equal("2", caughtUp.GetProperty("next").GetString());

        using var stranger = host.Client(other.Key("viewer"));
        Assert.Empty(await FeedAsync(stranger));
    }

    [Theory]
    [InlineData("after=-1")]
    [InlineData("after=abc")]
    [InlineData("type=payment.exploded")]
    [InlineData("limit=0")]
    public async Task Bad_feed_parameters_are_field_errors(string query)
    {
        var t = await host.CreateTenantAsync();
        using var viewer = host.Client(t.Key("viewer"));

        var response = await viewer.GetAsync("v1/events?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True((await Json(response)).GetProperty("errors").TryGetProperty(query.Split('=')[0], out _));
    }

    [Fact]
    public async Task Retention_deletes_only_events_older_than_the_cutoff_and_the_rest_stays_gap_free()
    {
        var t = await host.CreateTenantWithAccountsAsync();
        using var submitter = host.Client(t.Key("submitter"));
        for (var i = 0; i < 3; i++)
        {
            (await Submit(submitter, EurPayment(t.EurAccount, $"{i + 1}.00"))).EnsureSuccessStatusCode();
        }
        await SequenceAsync(t.Id);
        using var viewer = host.Client(t.Key("viewer"));
        var feed = await FeedAsync(viewer);
        var cutoff = feed[1].GetProperty("createdAt").GetDateTimeOffset();

        using var scope = host.Services.CreateScope();
        var deleted = await scope.ServiceProvider.GetRequiredService<EventsRetention>().PruneAsync(t.Id, cutoff, CancellationToken.None);

        Assert.Equal(feed.Count(e => e.GetProperty("createdAt").GetDateTimeOffset() < cutoff), deleted);
        var kept = await FeedAsync(viewer);
        Assert.Equal(feed.Skip(deleted).Select(e => e.GetProperty("sequence").GetInt64()), kept.Select(e => e.GetProperty("sequence").GetInt64()));
    }
}
