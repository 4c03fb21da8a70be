using System.Text;

namespace DevIdentity;

/// <summary>The sign-in form of GET/POST /authorize, and the page shown when a request is refused outright.</summary>
public static class SignInPage
{
    public static HtmlPage Render(AuthorizationRequest request, string? email, string? error)
    {
        var body = new StringBuilder();
        body.Append("<h1>Sign in</h1>");
        body.Append($"<p>to continue to <strong>{HtmlPage.Encode(request.Client.ClientId)}</strong>.</p>");
        if (error is not null)
        {
            body.Append($"<p role=\"alert\" id=\"error\">{HtmlPage.Encode(error)}</p>");
        }
        // The request's parameters ride along as hidden fields; POST /authorize validates them all again, so editing
        // them changes nothing a crafted GET could not.
        body.Append("<form method=\"post\" action=\"authorize\">");
        foreach (var (name, value) in request.Parameters())
        {
            body.Append($"<input type=\"hidden\" name=\"{HtmlPage.Encode(name)}\" value=\"{HtmlPage.Encode(value)}\">");
        }
        var described = error is null ? "" : " aria-describedby=\"error\"";
        var invalid = error is null ? "" : " aria-invalid=\"true\"";
        body.Append($"<label for=\"email\">Email</label><input id=\"email\" name=\"email\" type=\"email\" autocomplete=\"username\" required value=\"{HtmlPage.Encode(email ?? request.LoginHint)}\"{described}{invalid}>");
        body.Append($"<label for=\"password\">Password</label><input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required{described}{invalid}>");
        body.Append("<button type=\"submit\">Sign in</button>");
        body.Append("</form>");
        body.Append("<p class=\"note\">DevIdentity is a development sign-in for local runs and tests; it is not for production.</p>");
        return new HtmlPage("Sign in", body.ToString())
        {
            // 'self' for this form; the redirect URI's origin because browsers apply form-action to the redirect that
            // follows the post too (CSP Level 3 §6.3.2.1 note).
            FormActions = ["'self'", HtmlPage.Origin(request.RedirectUri)],
        };
    }

    public static HtmlPage Refused(string description) =>
        new("Sign-in refused",
            $"<h1>Sign-in request refused</h1><p role=\"alert\">{HtmlPage.Encode(description)}</p>" +
            "<p>The application that sent you here is not registered with these settings, so you are not sent back to it.</p>",
            StatusCodes.Status400BadRequest);
}
