using System.Globalization;
using System.Text.Json;
using BankFunctions.TestSupport;

namespace BankFunctions.Bench.Webhooks;

/// <summary>What one endpoint's receiver got, checked against the events the feed says it should have had.</summary>
/// <param name="Expected">Events of the feed the endpoint should have had (it wants every type).</param>
/// <param name="Lost">Expected events never answered 2xx.</param>
/// <param name="DuplicateDeliveries">2xx answers beyond the first per webhook-id.</param>
/// <param name="DuplicatedEvents">Events answered 2xx more than once.</param>
/// <param name="IdMismatches">Requests whose webhook-id is not the id of the event in their body, or events whose
/// copies differ in body: a duplicate a receiver could not drop by webhook-id.</param>
/// <param name="SignatureFailures">Requests whose webhook-signature does not verify (Node's crypto, the spec's algorithm).</param>
/// <param name="StaleTimestamps">Requests whose webhook-timestamp is more than 5 minutes from their arrival (the
/// tolerance Standard Webhooks verifiers apply against replay).</param>
/// <param name="Unexpected">Events answered 2xx that are not among the expected ones.</param>
/// <param name="FirstDelivered">Per expected event id, when it was first answered 2xx.</param>
public sealed record DeliveryReport(int Requests, int Expected, IReadOnlyList<FeedEvent> Lost, int DuplicateDeliveries, int DuplicatedEvents,
    int IdMismatches, int SignatureFailures, int StaleTimestamps, int Unexpected, IReadOnlyDictionary<string, DateTimeOffset> FirstDelivered)
{
    public bool Holds => Lost.Count == 0 && IdMismatches == 0 && SignatureFailures == 0 && StaleTimestamps == 0;

    public void Print(string indent)
    {
        Console.WriteLine($"{indent}events expected (feed): {Expected}, delivered at least once: {Expected - Lost.Count}, lost: {Lost.Count}, requests received: {Requests}");
        Console.WriteLine($"{indent}duplicates: {DuplicateDeliveries} extra 2xx deliveries of {DuplicatedEvents} events; every copy under the event's own webhook-id and body: " +
            (IdMismatches == 0 ? "yes" : $"NO ({IdMismatches} mismatches)"));
        Console.WriteLine($"{indent}signature verification failures: {SignatureFailures} of {Requests} (Node crypto, HMAC-SHA256 over id.timestamp.body); " +
            $"timestamps off by more than 5 min: {StaleTimestamps}; unexpected events: {Unexpected}");
        foreach (var e in Lost.Take(10))
        {
            Console.WriteLine($"{indent}  lost: #{e.Sequence} {e.Type} {e.Id} ({e.ResourceId})");
        }
    }
}

public static class DeliveryCheck
{
    private static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    public static async Task<DeliveryReport> RunAsync(BenchReceiver receiver, string secret, IReadOnlyList<FeedEvent> expected)
    {
        var received = receiver.Received;
        var verdicts = await WebhookReceiver.VerifyAsync(secret, received);
        var signatureFailures = verdicts.Count(v => !v) + Math.Max(0, received.Count - verdicts.Count);
        var stale = received.Count(r => !long.TryParse(r.Timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var ts)
            || (r.At - DateTimeOffset.FromUnixTimeSeconds(ts)).Duration() > Tolerance);

        // Every copy of an event must come under its own id with the same body, so a receiver can drop duplicates by webhook-id.
        var mismatches = 0;
        var bodies = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var r in received)
        {
            using var body = JsonDocument.Parse(r.Body);
            if (body.RootElement.GetProperty("id").GetString() != r.Id)
            {
                mismatches++;
            }
            else if (bodies.TryGetValue(r.Id, out var first) && first != r.Body)
            {
                mismatches++;
            }
            bodies.TryAdd(r.Id, r.Body);
        }

        var delivered = receiver.Answers.Where(a => a.Status is >= 200 and < 300).GroupBy(a => a.WebhookId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (Count: g.Count(), First: g.Min(a => a.At)), StringComparer.Ordinal);
        var expectedIds = expected.Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        var firsts = expected.Where(e => delivered.ContainsKey(e.Id)).ToDictionary(e => e.Id, e => delivered[e.Id].First, StringComparer.Ordinal);
        return new DeliveryReport(received.Count, expected.Count, expected.Where(e => !delivered.ContainsKey(e.Id)).ToList(),
            delivered.Values.Sum(d => d.Count - 1), delivered.Values.Count(d => d.Count > 1), mismatches, signatureFailures, stale,
            delivered.Keys.Count(id => !expectedIds.Contains(id)), firsts);
    }
}
