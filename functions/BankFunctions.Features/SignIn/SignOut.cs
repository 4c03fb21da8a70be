using BankFunctions.Features.Http;
using BankFunctions.Features.Runtime;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.SignIn;

/// <summary>
/// POST /auth/sign-out (a signed-in person; X-CSRF-Token like every state-changing request of a session): ends the
/// session server-side (the cookie is worthless from now on, wherever a copy of it is) and clears the cookie.
/// </summary>
public sealed class SignOut(SessionStore sessions) : IHttpHandler
{
    public async Task<IResult> HandleAsync(HttpContext context, CancellationToken cancellationToken)
    {
        if (context.Caller().Person is null || SessionCookies.Read(context.Request, SessionCookies.Session) is not { } sessionId)
        {
            return Problem.InvalidState("Sign-out ends a console session; an API key is revoked with DELETE /v1/api-keys/{id}.");
        }
        await sessions.EndAsync(sessionId, cancellationToken);
        SessionCookies.Clear(context.Response, SessionCookies.Session);
        return Results.NoContent();
    }
}
