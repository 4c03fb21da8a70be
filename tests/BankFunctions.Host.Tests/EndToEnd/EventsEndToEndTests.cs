using System.Net.Http.Json;
using System.Text.Json;
using BankFunctions.TestSupport;
using static BankFunctions.Host.Tests.Payments.PaymentApi;

namespace BankFunctions.Host.Tests.EndToEnd;

/// <summary>
/// Payments of both banks produce their events end to end (issue #14): the stages commit them with each status, the
/// nudged sequencer numbers them, and the feed shows every status each payment went through, in order, without gaps.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class EventsEndToEndTests(EndToEndFixture e2e)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task Payments_of_both_banks_make_one_event_per_status_in_the_gap_free_feed()
    {
        var o = await e2e.OnboardAsync(pullSchedule: "0 0 0 1 1 *");
        using var submitter = e2e.Host.Client(o.Tenant.Key("submitter"));
        var eur = (await Json(await Submit(submitter, EurPayment(o.EurAccount, "31.00")))).GetProperty("id").GetString()!;
        var cny = (await Json(await Submit(submitter, CnyPayment(o.CnyAccount, "310.00")))).GetProperty("id").GetString()!;
        var payments = new Dictionary<string, JsonElement>
        {
            [eur] = await e2e.WaitForAsync(o.Tenant, eur, Timeout, "completed"),
            [cny] = await e2e.WaitForAsync(o.Tenant, cny, Timeout, "completed"),
        };

        using var viewer = e2e.Host.Client(o.Tenant.Key("viewer"));
        var feed = await Eventually.ReturnsAsync(
            async () => (await viewer.GetFromJsonAsync<JsonElement>("v1/events?limit=1000")).GetProperty("items").EnumerateArray().ToList(),
            items => items.Count(e => e.GetProperty("type").GetString() == "payment.completed") >= 2,
            Timeout,
            items => $"{items.Count(e => e.GetProperty("type").GetString() == "payment.completed")} payment.completed events of 2");

        Assert.Equal(Enumerable.Range(1, feed.Count).Select(i => (long)i), feed.Select(e => e.GetProperty("sequence").GetInt64()));
        foreach (var (id, payment) in payments)
        {
            var mine = feed.Where(e => e.GetProperty("data").GetProperty("id").GetString() == id).ToList();
            var statuses = payment.GetProperty("statusHistory").EnumerateArray().Select(h => h.GetProperty("status").GetString()).ToList();
            // The first status comes with payment.created; each later one is its own event, in the order it happened.
            Assert.Equal(["payment.created", .. statuses.Skip(1).Select(s => "payment." + s)], mine.Select(e => e.GetProperty("type").GetString()).ToList());
            Assert.Equal(statuses, mine.Select(e => e.GetProperty("data").GetProperty("status").GetString()).ToList());
        }
    }
}
