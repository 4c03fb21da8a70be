using System.Security.Cryptography;
using BankFunctions.Domain.Screening;
using BankFunctions.Features.Http;
using BankFunctions.Features.Runtime;
using BankFunctions.Formats.Screening;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Screening;

/// <summary>
/// PUT /v1/admin/screening-lists/{source} (operator): load a sanctions list for every tenant, body = the list file in its
/// published format (<see cref="ScreeningListFormats"/>: ofac-sdn as SDN.CSV or SDN.XML, ofac-alt as ALT.CSV,
/// eu-consolidated as the EU XML; at most <see cref="MaxBodyBytes"/>). The file is read whole before anything is stored:
/// a file that cannot be read is a 400 naming the line, and the list loaded before stays. Loading replaces the source's
/// list; payments are screened against it from their next sign stage on.
/// </summary>
public sealed class PutScreeningList(ScreeningListStore store, TimeProvider clock) : IHttpHandler
{
    public const long MaxBodyBytes = Statements.StatementUpload.MaxBodyBytes;

    public static IReadOnlyList<string> ContentTypes => ScreeningListFormats.AllMediaTypes;

    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var source = Source(context);
        if (source.Problem is { } unknown)
        {
            return unknown;
        }
        var mediaType = context.Request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        var accepted = ScreeningListFormats.Sources[source.Name!];
        if (mediaType is null || !accepted.Contains(mediaType, StringComparer.Ordinal))
        {
            return Problem.UnsupportedMediaType($"the {source.Name} list file, with Content-Type {string.Join(" or ", accepted)}");
        }
        if (context.Request.ContentLength > MaxBodyBytes)
        {
            return Problem.TooLarge(MaxBodyBytes);
        }
        using var body = new MemoryStream();
        if (!await CopyLimitedAsync(context.Request.Body, body, cancellationToken))
        {
            return Problem.TooLarge(MaxBodyBytes);
        }
        if (body.Length == 0)
        {
            return Problem.Validation("body", "is empty; send the list file as the request body.");
        }
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(body.GetBuffer().AsSpan(0, (int)body.Length)));
        body.Position = 0;
        IReadOnlyList<ScreeningEntry> entries;
        try
        {
            entries = ScreeningListFormats.Read(source.Name!, mediaType, body);
        }
        catch (ScreeningListFormatException e)
        {
            return Problem.Validation("body", $"is not a readable {source.Name} file: {e.Message}");
        }
        var names = new ScreeningIndex(entries).Names;
        var view = new ScreeningListView(source.Name!, entries.Count, names, clock.GetUtcNow(), sha256, mediaType, context.Caller().Actor);
        return Results.Json(await store.SaveAsync(view, entries, cancellationToken), ApiJson.Options);
    }

    /// <summary>The {source} route value when it names a list this deployment reads, else the 404 that says which do.</summary>
    internal static (string? Name, IResult? Problem) Source(HttpContext context)
    {
        var name = context.Request.RouteValues["source"] as string;
        return name is not null && ScreeningListFormats.Sources.ContainsKey(name)
            ? (name, null)
            : (null, Problem.Create(404, ProblemTypes.NotFound, "Not found.",
                $"Screening list source '{name}' does not exist; sources are {string.Join(", ", ScreeningListFormats.Sources.Keys)}."));
    }

    private static async Task<bool> CopyLimitedAsync(Stream body, Stream target, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            total += read;
            if (total > MaxBodyBytes)
            {
                return false;
            }
            await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }
        return true;
    }
}
