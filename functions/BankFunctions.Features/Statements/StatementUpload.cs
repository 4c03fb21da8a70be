using BankFunctions.Features.Http;
using BankFunctions.Formats.Statements;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Statements;

/// <summary>
/// A statement file sent as a request body (POST /v1/accounts/{id}/statements, POST /v1/statements): checked (media
/// type, `?strict=`, at most <see cref="MaxBodyBytes"/>, not empty), spooled to a temporary file that can be read as
/// often as needed (inspect, hash, keep, store), then read once to check it. Deleted when disposed.
/// </summary>
public sealed class StatementUpload : IDisposable
{
    public const long MaxBodyBytes = 50L * 1024 * 1024;

    /// <summary>The media types a statement file may be sent as (the OpenAPI document lists them); others are 415.</summary>
    public static readonly IReadOnlyList<string> ContentTypes = ["text/plain", "application/xml", "text/xml", "application/json", "application/octet-stream"];

    private readonly string _spool;

    private StatementUpload(string spool, long length, string name, string contentType, ParseResult inspected)
    {
        _spool = spool;
        Length = length;
        Name = name;
        ContentType = contentType;
        Inspected = inspected;
    }

    public long Length { get; }
    /// <summary>A name for messages: the client's file name (Content-Disposition), else "statement".</summary>
    public string Name { get; }
    public string ContentType { get; }
    /// <summary>The whole file read once without keeping entries (<see cref="StatementIngest.Inspect"/>).</summary>
    public ParseResult Inspected { get; }

    public Stream Open() => new FileStream(_spool, FileMode.Open, FileAccess.Read, FileShare.Read, 81920);

    public async Task<string> Sha256Async(CancellationToken cancellationToken)
    {
        await using var file = Open();
        return Convert.ToHexStringLower(await System.Security.Cryptography.SHA256.HashDataAsync(file, cancellationToken));
    }

    public void Dispose() => File.Delete(_spool);

    /// <summary>The upload, or the problem that refuses it (415, 400, 413, or 400 statement-format naming line or element).</summary>
    public static async Task<(StatementUpload? Upload, IResult? Problem)> ReceiveAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var mediaType = context.Request.ContentType?.Split(';')[0].Trim();
        if (mediaType is null || !ContentTypes.Contains(mediaType, StringComparer.OrdinalIgnoreCase))
        {
            return (null, Problem.UnsupportedMediaType("the statement file, with Content-Type " + string.Join(", ", ContentTypes)));
        }
        if (!TryReadStrict(context, out var strict))
        {
            return (null, Problem.Validation("strict", "must be true or false."));
        }
        if (context.Request.ContentLength > MaxBodyBytes)
        {
            return (null, Problem.TooLarge(MaxBodyBytes));
        }
        var spool = Path.Combine(Path.GetTempPath(), "bf-import-" + Guid.NewGuid().ToString("N"));
        var keep = false;
        try
        {
            long length;
            await using (var file = new FileStream(spool, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                length = await CopyLimitedAsync(context.Request.Body, file, cancellationToken);
            }
            if (length < 0)
            {
                return (null, Problem.TooLarge(MaxBodyBytes));
            }
            if (length == 0)
            {
                return (null, Problem.Validation("body", "is empty; send the statement file as the request body."));
            }
            var name = FileName(context);
            ParseResult inspected;
            try
            {
                inspected = StatementIngest.Inspect(() => new FileStream(spool, FileMode.Open, FileAccess.Read, FileShare.Read, 81920), name, strict);
            }
            catch (StatementFormatException e)
            {
                return (null, Problem.Create(400, ProblemTypes.StatementFormat, "The statement file could not be read.", e.Message,
                    new Dictionary<string, string[]> { ["body"] = [e.Message] }));
            }
            keep = true;
            return (new StatementUpload(spool, length, name, context.Request.ContentType ?? "application/octet-stream", inspected), null);
        }
        finally
        {
            if (!keep)
            {
                File.Delete(spool);
            }
        }
    }

    /// <summary>Copies at most <see cref="MaxBodyBytes"/>; -1 when the body is longer (chunked bodies carry no length).</summary>
    private static async Task<long> CopyLimitedAsync(Stream body, Stream target, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            total += read;
            if (total > MaxBodyBytes)
            {
                return -1;
            }
            await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }
        return total;
    }

    /// <summary>?strict=true refuses the deviations lenient reading (the default) tolerates with a warning.</summary>
    private static bool TryReadStrict(HttpContext context, out bool strict)
    {
        strict = false;
        var values = context.Request.Query["strict"];
        return values.Count == 0 || values.Count == 1 && bool.TryParse(values[0], out strict);
    }

    private static string FileName(HttpContext context)
    {
        var disposition = context.Request.Headers.ContentDisposition.ToString();
        if (System.Net.Http.Headers.ContentDispositionHeaderValue.TryParse(disposition, out var parsed) && parsed.FileName is { Length: > 0 } fileName)
        {
            var clean = Path.GetFileName(fileName.Trim('"'));
            if (clean.Length is > 0 and <= 200 && clean.All(c => !char.IsControl(c)))
            {
                return clean;
            }
        }
        return "statement";
    }
}
