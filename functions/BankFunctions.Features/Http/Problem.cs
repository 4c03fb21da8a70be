using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Http;

/// <summary>An RFC 9457 problem details body, with field-level <c>errors</c> for validation problems.</summary>
public sealed record ProblemBody(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("status")] int Status,
    [property: JsonPropertyName("detail")] string? Detail,
    [property: JsonPropertyName("instance")] string? Instance,
    [property: JsonPropertyName("traceId")] string? TraceId,
    [property: JsonPropertyName("errors")] IReadOnlyDictionary<string, string[]>? Errors);

/// <summary>Builds problem responses. Nothing from an exception (message, stack) ever goes into one.</summary>
public static class Problem
{
    public const string ContentType = "application/problem+json";

    public static IResult Create(int status, string type, string title, string? detail = null,
        IReadOnlyDictionary<string, string[]>? errors = null, IReadOnlyDictionary<string, string>? headers = null) =>
        new ProblemResult(status, type, title, detail, errors, headers);

    public static IResult Validation(IReadOnlyDictionary<string, string[]> errors, string? detail = null) =>
        Create(400, ProblemTypes.Validation, "The request is not valid.", detail ?? "See errors for each field.", errors);

    public static IResult Validation(string field, string message) =>
        Validation(new Dictionary<string, string[]> { [field] = [message] });

    public static IResult Malformed(string detail, string? field = null) =>
        Create(400, ProblemTypes.MalformedRequest, "The request body could not be read.", detail,
            field is null ? null : new Dictionary<string, string[]> { [field] = [detail] });

    public static IResult Unauthenticated(string detail) =>
        Create(401, ProblemTypes.Unauthenticated, "Authentication is required.", detail,
            headers: new Dictionary<string, string> { ["WWW-Authenticate"] = "Bearer" });

    public static IResult Forbidden(string detail) => Create(403, ProblemTypes.Forbidden, "The key lacks the role this needs.", detail);

    /// <summary>403 for a key that has the role but may not act here (dual control: the creator never approves).</summary>
    public static IResult NotAllowed(string title, string detail) => Create(403, ProblemTypes.Forbidden, title, detail);

    public static IResult NotFound(string what) => Create(404, ProblemTypes.NotFound, "Not found.", $"{what} was not found.");

    public static IResult Conflict(string detail) => Create(409, ProblemTypes.Conflict, "Conflict.", detail);

    public static IResult PreconditionFailed(string detail) => Create(412, ProblemTypes.PreconditionFailed, "Precondition failed.", detail);

    public static IResult InvalidState(string detail) => Create(409, ProblemTypes.InvalidState, "Not allowed in the current state.", detail);

    public static IResult TooLarge(long limit) =>
        Create(413, ProblemTypes.PayloadTooLarge, "The request body is too large.", $"The body must not exceed {limit} bytes.");

    public static IResult UnsupportedMediaType(string expected) =>
        Create(415, ProblemTypes.UnsupportedMediaType, "Unsupported content type.", $"Send the body as {expected}.");

    public static IResult RateLimited(TimeSpan retryAfter, string? detail = null)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        return Create(429, ProblemTypes.RateLimited, "Too many requests.", detail is null ? $"Retry after {seconds} s." : $"{detail} Retry after {seconds} s.",
            headers: new Dictionary<string, string> { ["Retry-After"] = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture) });
    }

    public static IResult Internal() =>
        Create(500, ProblemTypes.Internal, "An unexpected error occurred.", "The error was logged with this trace id.");

    public static IResult Unavailable(string detail) => Create(503, ProblemTypes.Unavailable, "A dependency is unavailable.", detail);

    private sealed class ProblemResult(int status, string type, string title, string? detail,
        IReadOnlyDictionary<string, string[]>? errors, IReadOnlyDictionary<string, string>? headers) : IResult, IStatusCodeHttpResult
    {
        public int? StatusCode => status;

        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var body = new ProblemBody(type, title, status, detail, httpContext.Request.Path.Value,
                Activity.Current?.TraceId.ToString() ?? httpContext.TraceIdentifier, errors);
            httpContext.Response.StatusCode = status;
            httpContext.Response.ContentType = ContentType;
            if (headers is not null)
            {
                foreach (var (name, value) in headers)
                {
                    httpContext.Response.Headers[name] = value;
                }
            }
            await JsonSerializer.SerializeAsync(httpContext.Response.Body, body, ProblemJson.Options, httpContext.RequestAborted);
        }
    }

    private static class ProblemJson
    {
        public static readonly JsonSerializerOptions Options = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };
    }
}

/// <summary>Thrown by handlers to end a request with a problem response (caught by the invoker).</summary>
public sealed class ProblemException(IResult problem) : Exception("A problem response was produced.")
{
    public IResult Problem { get; } = problem;
}
