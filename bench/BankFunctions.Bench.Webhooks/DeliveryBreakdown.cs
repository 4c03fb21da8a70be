using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace BankFunctions.Bench.Webhooks;

/// <summary>
/// Where the latency goes, from the endpoint's own delivery records (GET /v1/webhook-endpoints/{id}/deliveries): for
/// each event's first successful attempt, the wait from createdAt to the attempt's start (numbering in the feed, the
/// queue wake-ups, the pump working through earlier events one at a time) and the HTTP attempt itself; the pump's
/// rate; and the latency of events by when in the run they were created (a pump that falls behind shows as growth).
/// </summary>
public static class DeliveryBreakdown
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    public static async Task PrintAsync(HttpClient admin, string endpointId, IReadOnlyList<FeedEvent> events,
        IReadOnlyDictionary<string, DateTimeOffset> firstDelivered, string indent)
    {
        var succeeded = await FirstSuccessesAsync(admin, endpointId);
        var waits = new List<double>();
        var http = new List<double>();
        foreach (var e in events)
        {
            if (succeeded.TryGetValue(e.Id, out var a))
            {
                waits.Add((a.Start - e.CreatedAt).TotalMilliseconds);
                http.Add(a.LatencyMs);
            }
        }
        Console.WriteLine($"{indent}where it goes (the endpoint's delivery records, {waits.Count} first successes):");
        Console.WriteLine($"{indent}  createdAt → attempt start (numbering, queues, the pump behind earlier events): {Summary(waits)}");
        Console.WriteLine($"{indent}  the HTTP attempt (connect, send, 204):                                          {Summary(http)}");
        if (succeeded.Count > 1)
        {
            var starts = succeeded.Values.Select(v => v.Start).Order().ToList();
            var span = (starts[^1] - starts[0]).TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{indent}  pump: {starts.Count} first successes in {span:F1} s = {starts.Count / Math.Max(span, 0.001):F1} events/s"));
        }
        if (events.Count == 0)
        {
            return;
        }
        var origin = events.Min(e => e.CreatedAt);
        Console.WriteLine($"{indent}  createdAt → received by when the event was created in the run:");
        foreach (var window in events.Where(e => firstDelivered.ContainsKey(e.Id)).GroupBy(e => (int)((e.CreatedAt - origin) / Window)).OrderBy(g => g.Key))
        {
            var values = window.Select(e => (firstDelivered[e.Id] - e.CreatedAt).TotalMilliseconds).ToList();
            Console.WriteLine($"{indent}    {window.Key * Window.TotalSeconds,4:F0}–{(window.Key + 1) * Window.TotalSeconds,-4:F0} s: {Summary(values)}");
        }
    }

    private static string Summary(List<double> values)
    {
        if (values.Count == 0)
        {
            return "none";
        }
        values.Sort();
        double P(double q) => values[Math.Clamp((int)Math.Ceiling(q * values.Count) - 1, 0, values.Count - 1)];
        return string.Create(CultureInfo.InvariantCulture, $"n {values.Count,5}  p50 {P(0.5),7:F0} ms  p95 {P(0.95),7:F0} ms  p99 {P(0.99),7:F0} ms  max {values[^1],7:F0} ms");
    }

    /// <summary>Per event id, the start (at − latency) and latency of its first attempt answered 2xx.</summary>
    private static async Task<Dictionary<string, (DateTimeOffset Start, long LatencyMs)>> FirstSuccessesAsync(HttpClient admin, string endpointId)
    {
        var result = new Dictionary<string, (DateTimeOffset, long)>(StringComparer.Ordinal);
        string? cursor = null;
        do
        {
            var page = await admin.GetFromJsonAsync<JsonElement>($"v1/webhook-endpoints/{endpointId}/deliveries?limit=500"
                + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
            foreach (var item in page.GetProperty("items").EnumerateArray())
            {
                foreach (var attempt in item.GetProperty("attempts").EnumerateArray())
                {
                    if (attempt.GetProperty("statusCode") is { ValueKind: JsonValueKind.Number } status && status.GetInt32() is >= 200 and < 300)
                    {
                        var latency = attempt.GetProperty("latencyMs").GetInt64();
                        result.TryAdd(item.GetProperty("eventId").GetString()!, (attempt.GetProperty("at").GetDateTimeOffset() - TimeSpan.FromMilliseconds(latency), latency));
                        break;
                    }
                }
            }
            cursor = page.TryGetProperty("nextCursor", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        }
        while (cursor is not null);
        return result;
    }
}
