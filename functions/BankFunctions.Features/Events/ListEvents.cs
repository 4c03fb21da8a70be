using System.Globalization;
using BankFunctions.Features.Http;
using BankFunctions.Features.Runtime;
using BankFunctions.Storage;
using BankFunctions.Storage.Rows;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Events;

/// <summary>
/// GET /v1/events?after&amp;type&amp;limit (issue #14): the tenant's events in sequence order, gap-free, so a client that
/// missed webhooks catches up by asking for what came after the last sequence it saw. <c>after</c> is that sequence
/// (0 or absent: from the oldest kept); <c>next</c> is the <c>after</c> of the following call, also when nothing came.
/// </summary>
public sealed class ListEvents(StorageClients storage) : IHttpHandler
{
    public static readonly IReadOnlyList<string> Parameters = ["after", "type", "limit"];

    public sealed record Response(IReadOnlyList<EventView> Items, string Next, bool HasMore);

    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var tenantId = context.Caller().RequireTenant();
        var after = After(context);
        var types = Types(context);
        var limit = Cursor.Limit(context, fallback: 100, max: Cursor.LargeMaxLimit);
        var filter = $"PartitionKey eq '{TableKeys.Escape(TableKeys.TenantPartition(tenantId))}' and RowKey gt '{TableKeys.EventFeedRow(after)}'"
            + $" and RowKey lt '{TableKeys.EventFeedPrefix[..^1]}}}'";
        if (types.Count > 0)
        {
            filter += " and (" + string.Join(" or ", types.Select(t => $"Type eq '{TableKeys.Escape(t)}'")) + ")";
        }
        var rows = new List<EventFeedRow>(limit + 1);
        await foreach (var row in storage.Table(TableNames.TenantData).QueryAsync<EventFeedRow>(filter, maxPerPage: Math.Min(limit + 1, 1000),
            cancellationToken: cancellationToken))
        {
            rows.Add(row);
            if (rows.Count > limit)
            {
                break;
            }
        }
        var page = rows.Take(limit).ToList();
        var next = page.Count > 0 ? page[^1].Sequence : after;
        return Results.Json(new Response(page.Select(EventRows.View).ToList(), next.ToString(CultureInfo.InvariantCulture), rows.Count > limit), ApiJson.Options);
    }

    private static long After(HttpContext context)
    {
        var text = context.Request.Query["after"].ToString();
        if (text.Length == 0)
        {
            return 0;
        }
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var after)
            ? after
            : throw new ProblemException(Problem.Validation("after", "must be the sequence number of an event (a whole number ≥ 0)."));
    }

    /// <summary>type=a,b or type=a&amp;type=b: each a known event type.</summary>
    public static IReadOnlyList<string> Types(HttpContext context)
    {
        var types = context.Request.Query["type"].SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Distinct(StringComparer.Ordinal).ToList();
        var unknown = types.Where(t => !EventTypes.All.Contains(t, StringComparer.Ordinal)).ToList();
        return unknown.Count == 0
            ? types
            : throw new ProblemException(Problem.Validation("type", $"unknown event type '{unknown[0]}'; see docs/API.md \"Events\" for the list."));
    }
}
