using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;

namespace DevIdentity;

/// <summary>
/// An HTML answer of this provider: one self-contained document (no external resources) under a strict Content
/// Security Policy that allows exactly its own inline style, optionally one inline script, and form posts to the
/// origins given.
/// </summary>
public sealed class HtmlPage(string title, string body, int statusCode = StatusCodes.Status200OK) : IResult
{
    private const string Style =
        "body{font-family:system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem;line-height:1.5}" +
        "label{display:block;margin-top:1rem;font-weight:600}input{width:100%;padding:.5rem;font-size:1rem;box-sizing:border-box}" +
        "button{margin-top:1.5rem;padding:.6rem 1.2rem;font-size:1rem}" +
        "[role=alert]{border:2px solid #a00;background:#fee;color:#600;padding:.5rem 1rem}.note{color:#555;font-size:.9rem}";

    private static readonly string StyleHash = Hash(Style);

    public IReadOnlyList<string> FormActions { get; init; } = [];

    /// <summary>An inline script the page runs (the form_post auto-submit); allowed by its hash only.</summary>
    public string? Script { get; init; }

    public static string Encode(string? value) => HtmlEncoder.Default.Encode(value ?? "");

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = statusCode;
        response.ContentType = "text/html; charset=utf-8";
        var scriptSource = Script is null ? "" : $"; script-src '{Hash(Script)}'";
        var formAction = FormActions.Count == 0 ? "'none'" : string.Join(' ', FormActions);
        response.Headers.ContentSecurityPolicy =
            $"default-src 'none'; style-src '{StyleHash}'{scriptSource}; form-action {formAction}; frame-ancestors 'none'; base-uri 'none'";
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.XFrameOptions = "DENY";
        // The pages carry codes, state and error details: keep them out of caches and of Referer headers.
        response.Headers.CacheControl = "no-store";
        response.Headers["Referrer-Policy"] = "no-referrer";
        var script = Script is null ? "" : $"<script>{Script}</script>";
        await response.WriteAsync(
            $"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{Encode(title)} – DevIdentity</title>
            <style>{Style}</style>
            </head>
            <body>
            <main>
            {body}
            </main>
            {script}
            </body>
            </html>
            """, httpContext.RequestAborted);
    }

    /// <summary>A CSP hash source (CSP Level 3 §8.3): the base64 SHA-256 of the element's exact text.</summary>
    private static string Hash(string text) => "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>The origin of an absolute URI, as a CSP source expression.</summary>
    public static string Origin(string uri) => new Uri(uri).GetLeftPart(UriPartial.Authority);
}
