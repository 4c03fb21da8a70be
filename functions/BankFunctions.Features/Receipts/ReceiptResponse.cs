using BankFunctions.Features.Http;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Receipts;

/// <summary>
/// A stored receipt as the GET routes answer it: the bank's bytes with their media type, <c>ETag</c> = the quoted
/// SHA-256 (hex), <c>Digest: sha-256=&lt;base64&gt;</c> (RFC 3230) and <c>Repr-Digest: sha-256=:&lt;base64&gt;:</c>
/// (RFC 9530 §3); <c>If-None-Match</c> with that ETag (or *) answers 304 without the body (RFC 9110 §13.1.2).
/// </summary>
public static class ReceiptResponse
{
    public static string ETag(StoredReceipt stored) => "\"" + stored.Sha256 + "\"";

    public static string Base64Digest(StoredReceipt stored) => Convert.ToBase64String(Convert.FromHexString(stored.Sha256));

    public static async Task<IResult> SendAsync(HttpContext context, StoredReceipt stored, ReceiptBlobs blobs, string what, CancellationToken cancellationToken)
    {
        var headers = context.Response.Headers;
        var digest = Base64Digest(stored);
        headers.ETag = ETag(stored);
        headers["Digest"] = "sha-256=" + digest;
        headers["Repr-Digest"] = "sha-256=:" + digest + ":";
        if (Matches(context.Request.Headers.IfNoneMatch.ToString(), ETag(stored)))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }
        var content = await blobs.ReadAsync(stored.Blob, cancellationToken);
        if (content is null)
        {
            headers.Remove("ETag");
            headers.Remove("Digest");
            headers.Remove("Repr-Digest");
            return NotAvailable(what, "Its stored receipt is missing (restored without blobs?); it is not fetched again by itself.");
        }
        return Results.Bytes(content, stored.ContentType);
    }

    /// <summary>The 404 problem for a receipt the bank has not given us (yet): a clear type, so clients can tell it from an unknown id.</summary>
    public static IResult NotAvailable(string what, string detail) =>
        Problem.Create(404, ProblemTypes.ReceiptNotAvailable, "No receipt available.", $"{what} has no receipt yet. {detail}");

    /// <summary>RFC 9110 §13.1.2: a list of entity tags (weak ones compared weakly) or "*".</summary>
    public static bool Matches(string ifNoneMatch, string etag)
    {
        if (string.IsNullOrWhiteSpace(ifNoneMatch))
        {
            return false;
        }
        foreach (var candidate in ifNoneMatch.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (candidate == "*" || (candidate.StartsWith("W/", StringComparison.Ordinal) ? candidate[2..] : candidate) == etag)
            {
                return true;
            }
        }
        return false;
    }
}
