using BankFunctions.Features.Http;
using BankFunctions.Features.Runtime;
using BankFunctions.Storage;
using BankFunctions.Storage.Rows;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Counterparties;

/// <summary>
/// GET /v1/counterparties?cursor&amp;limit (viewer): the tenant's counterparties, oldest first (ids are time-ordered);
/// a page may be short, follow nextCursor until it is absent.
/// </summary>
public sealed class ListCounterparties(StorageClients storage) : IHttpHandler
{
    public static readonly IReadOnlyList<string> Parameters = ["cursor", "limit"];

    public sealed record Response(IReadOnlyList<CounterpartyView> Items, string? NextCursor);

    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var tenantId = context.Caller().RequireTenant();
        var filter = TableKeys.PrefixFilter(TableKeys.TenantPartition(tenantId), TableKeys.CounterpartyPrefix);
        var scope = $"counterparties\u001f{tenantId}";
        var (rows, next) = await TablePages.ReadAsync<CounterpartyRow>(storage, filter, CheckedCursor.Decode(context, scope), Cursor.Limit(context), cancellationToken);
        return Results.Json(new Response(rows.Select(CounterpartyStore.View).ToList(), next is null ? null : CheckedCursor.Encode(scope, next)), ApiJson.Options);
    }
}
