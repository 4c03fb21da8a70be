using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Http;

/// <summary>
/// Reads a JSON request body into <typeparamref name="T"/> with the API's limits: application/json only (415),
/// at most 1 MiB (413), well-formed UTF-8 JSON of the right shape (400 naming the field).
/// </summary>
public static class JsonBody
{
    public const long MaxBytes = 1024 * 1024;

    public static async Task<T> ReadAsync<T>(HttpContext context, CancellationToken cancellationToken) where T : class =>
        Parse<T>(await ReadBytesAsync(context, cancellationToken));

    /// <summary>The raw body after the content-type and size checks (for idempotency hashing before parsing).</summary>
    public static async Task<byte[]> ReadBytesAsync(HttpContext context, CancellationToken cancellationToken)
    {
        if (!IsJson(context.Request.ContentType))
        {
            throw new ProblemException(Problem.UnsupportedMediaType("application/json"));
        }
        return await BodyReader.ReadAsync(context.Request, MaxBytes, cancellationToken);
    }

    public static T Parse<T>(byte[] bytes) where T : class
    {
        if (bytes.Length == 0)
        {
            throw new ProblemException(Problem.Malformed("The request body is empty; a JSON object is required."));
        }
        try
        {
            return JsonSerializer.Deserialize<T>(bytes, ApiJson.Options)
                ?? throw new ProblemException(Problem.Malformed("The request body must be a JSON object, not null."));
        }
        catch (JsonException e)
        {
            throw new ProblemException(Problem.Malformed(JsonErrorText.Describe(e, typeof(T)), FieldOf(e.Path)));
        }
    }

    public static bool IsJson(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return false;
        }
        var mediaType = contentType.Split(';')[0].Trim();
        if (!mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        var charset = contentType.Split(';').Skip(1).Select(p => p.Trim())
            .FirstOrDefault(p => p.StartsWith("charset=", StringComparison.OrdinalIgnoreCase));
        return charset is null || charset["charset=".Length..].Trim('"').Equals("utf-8", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>JSON path "$.creditor.iban" → field name "creditor.iban" as used in problem <c>errors</c>.</summary>
    public static string? FieldOf(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return null;
        }
        return path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
    }
}
