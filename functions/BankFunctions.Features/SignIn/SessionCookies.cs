using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.SignIn;

/// <summary>
/// The two cookies of the console: the session, and the sign-in in progress (which binds the provider's callback to the
/// browser that started it: OpenID Connect Core §15.5.2, RFC 6749 §10.12). Both HttpOnly (no script reads them),
/// Secure, SameSite=Lax (sent on the provider's top-level redirect back, not on cross-site subrequests or POSTs), and
/// "__Host-" prefixed (RFC 6265bis: no Domain, Path=/, Secure — a sibling subdomain cannot plant one).
/// </summary>
public static class SessionCookies
{
    public const string Session = "__Host-bf_session";
    public const string SignIn = "__Host-bf_signin";

    public static string? Read(HttpRequest request, string name) =>
        request.Cookies.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value) ? value : null;

    public static void Write(HttpResponse response, string name, string value, TimeSpan lifetime) =>
        response.Cookies.Append(name, value, Options(lifetime));

    public static void Clear(HttpResponse response, string name) => response.Cookies.Delete(name, Options(null));

    private static CookieOptions Options(TimeSpan? lifetime) => new()
    {
        HttpOnly = true,
        Secure = true,
        SameSite = SameSiteMode.Lax,
        Path = "/",
        MaxAge = lifetime,
        IsEssential = true,
    };
}
