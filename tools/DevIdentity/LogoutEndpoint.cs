using System.Text.Json;

namespace DevIdentity;

/// <summary>
/// OpenID Connect RP-Initiated Logout 1.0 §2: the provider keeps no sign-in session (every sign-in asks for the
/// password), so logging out only sends the browser back to the client — to a post_logout_redirect_uri registered
/// for that client and nowhere else (§3: an unregistered URI would make this an open redirector).
/// </summary>
public static class LogoutEndpoint
{
    public static void MapLogout(this IEndpointRouteBuilder app) =>
        app.MapGet("/logout", (HttpContext context, DevIdentityOptions options, SigningKey key) =>
        {
            var query = context.Request.Query;
            var postLogout = query["post_logout_redirect_uri"].ToString();
            var client = ClientOf(options, key, query["client_id"].ToString(), query["id_token_hint"].ToString());
            if (string.IsNullOrEmpty(postLogout))
            {
                return SignedOut(null);
            }
            if (client is null || !client.PostLogoutRedirectUris.Contains(postLogout, StringComparer.Ordinal))
            {
                // §3: the URI must match one registered for the client named by client_id or id_token_hint.
                return SignedOut("The return address is not registered for this application, so you are not sent back to it.");
            }
            var state = query["state"].ToString();
            var location = string.IsNullOrEmpty(state)
                ? postLogout
                : Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(postLogout, "state", state);
            return Results.Redirect(location);
        });

    /// <summary>
    /// The client named by client_id, else by the audience of an id_token_hint this provider signed (§2: the hint
    /// may have expired, so only its signature is checked). When both are given they must agree.
    /// </summary>
    private static DevClient? ClientOf(DevIdentityOptions options, SigningKey key, string clientId, string idTokenHint)
    {
        string? audience = null;
        if (!string.IsNullOrEmpty(idTokenHint))
        {
            if (Jwt.ReadVerified(key, idTokenHint) is not { } payload
                || !payload.TryGetProperty("aud", out var aud) || aud.ValueKind != JsonValueKind.String)
            {
                return null;
            }
            audience = aud.GetString();
        }
        if (!string.IsNullOrEmpty(clientId) && audience is not null && clientId != audience)
        {
            return null;
        }
        return options.FindClient(string.IsNullOrEmpty(clientId) ? audience : clientId);
    }

    private static HtmlPage SignedOut(string? problem) =>
        new("Signed out",
            "<h1>You are signed out</h1>" + (problem is null ? "" : $"<p role=\"alert\">{HtmlPage.Encode(problem)}</p>") +
            "<p>You can close this window.</p>");
}
