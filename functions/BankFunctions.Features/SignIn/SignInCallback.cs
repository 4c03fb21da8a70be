using BankFunctions.Features.Runtime;
using BankFunctions.Features.Users;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BankFunctions.Features.SignIn;

/// <summary>
/// GET /auth/callback?code&amp;state (anonymous): where the provider sends the browser back. The state must be the one
/// this browser's sign-in cookie holds and is accepted once; the code is redeemed with the PKCE verifier; the id_token
/// is validated; the person is found (or their invitation bound). Then a new session — a new id whatever cookie came
/// in, and any session that cookie named is ended (no session fixation) — and back to the console. Any failure goes
/// back to the console with a reason code only (state, provider, not-invited, disabled); details go to the log.
/// </summary>
public sealed partial class SignInCallback(OidcOptions options, SessionStore sessions, UserSignIn signIn, IServiceProvider services, ILogger<SignInCallback> logger)
    : IHttpHandler
{
    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var request = context.Request;
        SessionCookies.Clear(context.Response, SessionCookies.SignIn);
        try
        {
            if (!options.Enabled)
            {
                throw new SignInFailedException("provider", "Sign-in is not configured (Oidc:Authority).");
            }
            var state = request.Query["state"].ToString();
            if (state.Length == 0 || !SessionTokens.SameToken(SessionCookies.Read(request, SessionCookies.SignIn), state))
            {
                throw new SignInFailedException("state", "The callback's state is not the one this browser's sign-in started with.");
            }
            var pending = await sessions.TakeSignInAsync(state, cancellationToken)
                ?? throw new SignInFailedException("state", "The sign-in is unknown, expired or was finished already.");
            if (request.Query["error"].ToString() is { Length: > 0 } error)
            {
                throw new SignInFailedException("provider", $"The identity provider answered error '{error}'.");
            }
            var code = request.Query["code"].ToString();
            if (code.Length == 0)
            {
                throw new SignInFailedException("provider", "The callback carries no code.");
            }
            var identity = await services.GetRequiredService<OidcProvider>().RedeemAsync(
                code, pending.CodeVerifier, SignInStart.CallbackUrl(options, request), pending.Nonce, cancellationToken);
            var user = await signIn.FindAsync(identity, cancellationToken);

            if (SessionCookies.Read(request, SessionCookies.Session) is { } previous)
            {
                await sessions.EndAsync(previous, cancellationToken);
            }
            var (sessionId, _) = await sessions.CreateAsync(user.TenantId, user.UserId, cancellationToken);
            SessionCookies.Write(context.Response, SessionCookies.Session, sessionId, sessions.Lifetime);
            LogSignedIn(logger, user.TenantId, user.UserId);
            return Results.Redirect(pending.ReturnUrl);
        }
        catch (SignInFailedException e)
        {
            LogRefused(logger, e.Reason, e.Message);
            return Results.Redirect(SignInStart.DefaultReturnUrl + "?signin=" + e.Reason);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Signed in: tenant {TenantId}, user {UserId}")]
    private static partial void LogSignedIn(ILogger logger, string tenantId, string userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in refused ({Reason}): {Detail}")]
    private static partial void LogRefused(ILogger logger, string reason, string detail);
}
