using BankFunctions.Features.Http;
using BankFunctions.Features.Runtime;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BankFunctions.Features.SignIn;

/// <summary>
/// GET /auth/sign-in?returnUrl=/console/… (anonymous): starts the authorization code flow — a fresh state, nonce and
/// PKCE verifier kept server-side under the state's hash, the state also in a short-lived cookie — and sends the
/// browser to the identity provider.
/// </summary>
public sealed partial class SignInStart(OidcOptions options, SessionStore sessions, IServiceProvider services, ILogger<SignInStart> logger) : IHttpHandler
{
    public const string DefaultReturnUrl = "/console/";

    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        if (!options.Enabled)
        {
            return Problem.NotFound("Sign-in (Oidc:Authority is not configured)");
        }
        var provider = services.GetRequiredService<OidcProvider>();
        var state = SessionTokens.New();
        var pending = await sessions.StartSignInAsync(state, SafeReturnUrl(context.Request.Query["returnUrl"].ToString()), cancellationToken);
        string url;
        try
        {
            url = await provider.AuthorizationUrlAsync(CallbackUrl(options, context.Request), state, pending.Nonce, SessionTokens.Challenge(pending.CodeVerifier), cancellationToken);
        }
        catch (SignInFailedException e)
        {
            LogUnavailable(logger, e.Message);
            return Problem.Unavailable("The identity provider cannot be reached; try signing in again shortly.");
        }
        SessionCookies.Write(context.Response, SessionCookies.SignIn, state, SessionStore.SignInLifetime);
        return Results.Redirect(url);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in could not start: {Detail}")]
    private static partial void LogUnavailable(ILogger logger, string detail);

    /// <summary>Only a path of the console itself: anything else (another site, "//host", "/\host", a scheme) would make sign-in an open redirect.</summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        returnUrl is { Length: > 0 and <= 512 } url && url.StartsWith("/console", StringComparison.Ordinal) && !url.Contains("//", StringComparison.Ordinal)
            && !url.Contains('\\') && !url.Any(char.IsControl)
            ? url
            : DefaultReturnUrl;

    /// <summary>The redirect_uri registered with the provider: the configured public origin, else this request's own.</summary>
    public static string CallbackUrl(OidcOptions options, HttpRequest request) =>
        (options.PublicBaseUrl.Length > 0 ? options.PublicBaseUrl.TrimEnd('/') : $"{request.Scheme}://{request.Host}") + "/auth/callback";
}
