using System.Globalization;
using BankFunctions.Features.Http;
using BankFunctions.Features.Runtime;
using BankFunctions.Storage;
using BankFunctions.Storage.Rows;
using Microsoft.AspNetCore.Http;
using BankFunctions.Domain.Ids;

namespace BankFunctions.Features.AuditTrail;

/// <param name="Actor">A person's user id, a key id, "operator" or "system:" + a function.</param>
/// <param name="ActorName">The person's display name at the time; absent for keys, the operator and the system.</param>
public sealed record AuditEntryView(string Id, DateTimeOffset At, string Actor, string Action, string Subject, string? Before, string? After, string? TraceId, string? ActorName = null);

/// <summary>GET /v1/audit?from&amp;to&amp;cursor&amp;limit (admin): the tenant's audit trail in time order.</summary>
public sealed class ListAudit(StorageClients storage) : IHttpHandler
{
    public sealed record Response(IReadOnlyList<AuditEntryView> Items, string? NextCursor);

    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var tenantId = context.Caller().RequireTenant();
        var filter = TableKeys.PrefixFilter(TableKeys.TenantPartition(tenantId), TableKeys.AuditPrefix);
        // Audit ids start with the time, so a time range is a RowKey range.
        if (Bound(context, "from") is { } from)
        {
            filter += $" and RowKey ge '{TableKeys.AuditRow(TimeOrderedId.TimePrefix(from))}'";
        }
        if (Bound(context, "to") is { } to)
        {
            filter += $" and RowKey lt '{TableKeys.AuditRow(TimeOrderedId.TimePrefix(to))}'";
        }
        var limit = Cursor.Limit(context, fallback: 100, max: Cursor.LargeMaxLimit);
        var (rows, next) = await TablePages.ReadAsync<AuditRow>(storage, filter, Cursor.Decode(context), limit, cancellationToken);
        return Results.Json(new Response(rows.Select(r => new AuditEntryView(r.AuditId, r.At, r.Actor, r.Action, r.Subject, r.Before, r.After, r.TraceId, r.ActorName)).ToList(),
            Cursor.Encode(next)), ApiJson.Options);
    }

    private static DateTimeOffset? Bound(HttpContext context, string name)
    {
        var text = context.Request.Query[name].ToString();
        if (text.Length == 0)
        {
            return null;
        }
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
            ? value
            : throw new ProblemException(Problem.Validation(name, "must be an ISO 8601 date or date-time."));
    }
}
