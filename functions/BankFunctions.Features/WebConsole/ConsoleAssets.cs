using System.Collections.Frozen;
using System.Security.Cryptography;
using BankFunctions.Features.Http;
using BankFunctions.Features.Runtime;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.WebConsole;

/// <summary>
/// GET /console/{*path}: the treasury web console (issue #15), a static single-page client of the public API, embedded
/// in this assembly so it ships with both hosts. Every rule (roles, account scope, approvals, validation) stays in the
/// API; these files only render what it answers. A path without a file extension is a client route and gets
/// index.html; an unknown file is a 404 problem.
/// </summary>
public sealed class ConsoleAssets : IHttpHandler
{
    /// <summary>
    /// Scripts, styles and data only from this origin, no inline script or style, no framing; the console's fetches go
    /// to the same origin's API only (connect-src).
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    private const string Prefix = "/console";
    private const string ResourcePrefix = "console/";

    private static readonly Lazy<FrozenDictionary<string, Asset>> Assets = new(Load);

    public sealed record Asset(byte[] Content, string ContentType, string ETag);

    public Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var asset = Find(Assets.Value, context.Request.Path.Value ?? "");
        if (asset is null)
        {
            return Task.FromResult(Problem.NotFound("The console file"));
        }
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        // Revalidate every time: a deploy changes the files under the same names, and the ETag makes that cheap.
        headers.CacheControl = "no-cache";
        headers.ETag = asset.ETag;
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        if (context.Request.Headers.IfNoneMatch.Any(v => v is not null && v.Split(',').Any(t => t.Trim() == asset.ETag)))
        {
            return Task.FromResult(Results.StatusCode(StatusCodes.Status304NotModified));
        }
        return Task.FromResult(Results.Bytes(asset.Content, asset.ContentType));
    }

    /// <summary>The file a request path names (pure): "/console", "/console/" and extension-less client routes → index.html.</summary>
    public static Asset? Find(IReadOnlyDictionary<string, Asset> assets, string requestPath)
    {
        var path = requestPath.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) ? requestPath[Prefix.Length..].TrimStart('/') : requestPath.TrimStart('/');
        if (path.Length > 0 && assets.TryGetValue(path, out var asset))
        {
            return asset;
        }
        var lastSegment = path[(path.LastIndexOf('/') + 1)..];
        return lastSegment.Contains('.', StringComparison.Ordinal) ? null : assets.GetValueOrDefault("index.html");
    }

    public static string ContentTypeOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".svg" => "image/svg+xml",
        ".png" => "image/png",
        ".ico" => "image/x-icon",
        ".json" => "application/json",
        _ => "application/octet-stream",
    };

    private static FrozenDictionary<string, Asset> Load()
    {
        var assembly = typeof(ConsoleAssets).Assembly;
        var assets = new Dictionary<string, Asset>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var content = buffer.ToArray();
            var path = name[ResourcePrefix.Length..].Replace('\\', '/');
            assets[path] = new Asset(content, ContentTypeOf(path), "\"" + Convert.ToHexStringLower(SHA256.HashData(content))[..32] + "\"");
        }
        return assets.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
