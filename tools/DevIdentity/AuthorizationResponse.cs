using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace DevIdentity;

/// <summary>Sends an authorization response (a code, or an error) back to the client's redirect URI.</summary>
public static class AuthorizationResponse
{
    private const string AutoSubmit = "document.forms[0].submit();";

    public static IResult Deliver(string redirectUri, string responseMode, IEnumerable<KeyValuePair<string, string?>> parameters)
    {
        var present = parameters.Where(pair => pair.Value is not null).ToList();
        if (responseMode == "form_post")
        {
            return FormPost(redirectUri, present);
        }
        // RFC 6749 §4.1.2 / §3.1.2: the parameters are added to the query component, keeping any query the
        // registered URI already has.
        var location = QueryHelpers.AddQueryString(redirectUri, present);
        return new Redirect(location);
    }

    /// <summary>
    /// OAuth 2.0 Form Post Response Mode §2: an HTML form that posts the parameters to the redirect URI, submitted by
    /// a script; the button is there for a browser without scripts.
    /// </summary>
    private static HtmlPage FormPost(string redirectUri, List<KeyValuePair<string, string?>> parameters)
    {
        var body = new StringBuilder();
        body.Append("<h1>Signing you in…</h1>");
        body.Append($"<form method=\"post\" action=\"{HtmlPage.Encode(redirectUri)}\">");
        foreach (var (name, value) in parameters)
        {
            body.Append($"<input type=\"hidden\" name=\"{HtmlPage.Encode(name)}\" value=\"{HtmlPage.Encode(value)}\">");
        }
        body.Append("<button type=\"submit\">Continue</button></form>");
        return new HtmlPage("Signing in", body.ToString()) { FormActions = [HtmlPage.Origin(redirectUri)], Script = AutoSubmit };
    }

    /// <summary>A 302 that is never cached and leaks no Referer (the Location carries the code).</summary>
    private sealed class Redirect(string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = StatusCodes.Status302Found;
            response.Headers.Location = location;
            response.Headers.CacheControl = "no-store";
            response.Headers["Referrer-Policy"] = "no-referrer";
            return Task.CompletedTask;
        }
    }
}
