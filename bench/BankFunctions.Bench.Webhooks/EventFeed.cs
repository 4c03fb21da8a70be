using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace BankFunctions.Bench.Webhooks;

/// <summary>One event of the tenant's feed, reduced to what the benchmark checks.</summary>
public sealed record FeedEvent(string Id, long Sequence, string Type, DateTimeOffset CreatedAt, string ResourceId);

/// <summary>
/// Follows GET /v1/events the way a client catching up does: from a sequence on, page by page (1,000 a page), keeping
/// the last sequence seen so each poll reads only what is new.
/// </summary>
public sealed class EventFeed(HttpClient viewer, long after)
{
    private readonly List<FeedEvent> _events = [];

    public long Last { get; private set; } = after;

    public IReadOnlyList<FeedEvent> Events => _events;

    /// <summary>Reads what came after <see cref="Last"/>; returns how many events that was.</summary>
    public async Task<int> PollAsync()
    {
        var count = 0;
        while (true)
        {
            var page = await viewer.GetFromJsonAsync<JsonElement>($"v1/events?after={Last.ToString(CultureInfo.InvariantCulture)}&limit=1000");
            foreach (var e in page.GetProperty("items").EnumerateArray())
            {
                var data = e.GetProperty("data");
                _events.Add(new FeedEvent(e.GetProperty("id").GetString()!, e.GetProperty("sequence").GetInt64(), e.GetProperty("type").GetString()!,
                    e.GetProperty("createdAt").GetDateTimeOffset(), data.TryGetProperty("id", out var id) ? id.GetString() ?? "" : ""));
                count++;
            }
            Last = long.Parse(page.GetProperty("next").GetString()!, CultureInfo.InvariantCulture);
            if (!page.GetProperty("hasMore").GetBoolean())
            {
                return count;
            }
        }
    }

    /// <summary>The last sequence the tenant's feed holds now (0 when empty).</summary>
    public static async Task<long> LastSequenceAsync(HttpClient viewer)
    {
        var feed = new EventFeed(viewer, 0);
        await feed.PollAsync();
        return feed.Last;
    }
}
