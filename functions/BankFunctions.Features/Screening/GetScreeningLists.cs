using BankFunctions.Features.Http;
using BankFunctions.Features.Runtime;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Screening;

/// <summary>GET /v1/admin/screening-lists (operator): the loaded sanctions lists — source, entries, names, loaded at, hash.</summary>
public sealed class ListScreeningLists(ScreeningListStore store, ScreeningOptions options) : IHttpHandler
{
    /// <param name="Threshold">The score (0–1, as a decimal string like every number that must stay exact) at and above which a creditor name is held (<c>Screening__Threshold</c>).</param>
    public sealed record Response(IReadOnlyList<ScreeningListView> Items, string Threshold);

    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var lists = await store.ListAsync(cancellationToken);
        return Results.Json(new Response(lists.Select(l => l.View).ToList(), options.Threshold.ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture)), ApiJson.Options);
    }
}

/// <summary>GET /v1/admin/screening-lists/{source} (operator): one loaded list; 404 when none is loaded for the source.</summary>
public sealed class GetScreeningList(ScreeningListStore store) : IHttpHandler
{
    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var source = PutScreeningList.Source(context);
        if (source.Problem is { } unknown)
        {
            return unknown;
        }
        return await store.FindAsync(source.Name!, cancellationToken) is { } view
            ? Results.Json(view, ApiJson.Options)
            : Problem.NotFound($"A loaded {source.Name} list");
    }
}
