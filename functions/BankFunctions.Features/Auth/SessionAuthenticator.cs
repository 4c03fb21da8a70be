using BankFunctions.Features.Http;
using BankFunctions.Features.SignIn;
using BankFunctions.Features.Users;
using Microsoft.AspNetCore.Http;

namespace BankFunctions.Features.Auth;

/// <summary>
/// Authenticates a console request by its session cookie: the session must be live and its person not disabled (the user
/// row is read on every request, so a change of roles or scope applies at once). A state-changing request must also
/// prove it comes from the console: the session's CSRF token in X-CSRF-Token (synchronizer token; a cross-site form or
/// script cannot read it) and, when the browser names one, an Origin equal to this host's.
/// </summary>
public sealed class SessionAuthenticator(SessionStore sessions, UserStore users)
{
    public const string CsrfHeader = "X-CSRF-Token";

    /// <summary>The person of a live session; null when the session is unknown, ended or expired, or its person disabled or gone.</summary>
    public async Task<Caller?> AuthenticateAsync(HttpContext context, string sessionId, CancellationToken cancellationToken)
    {
        if (await sessions.FindAsync(sessionId, cancellationToken) is not { } session)
        {
            return null;
        }
        var user = await users.FindAsync(session.TenantId, session.UserId, cancellationToken);
        if (user is null || UserStates.Parse(user.State) == UserState.Disabled)
        {
            await sessions.EndAsync(sessionId, cancellationToken);
            return null;
        }
        if (!IsSafe(context.Request.Method))
        {
            RequireSameOrigin(context.Request);
            if (!SessionTokens.SameToken(context.Request.Headers[CsrfHeader].ToString(), session.CsrfToken))
            {
                throw new ProblemException(Problem.NotAllowed("CSRF token missing or wrong.",
                    $"A state-changing request of a console session must send the session's token (GET /v1/me, csrfToken) in {CsrfHeader}."));
            }
        }
        return new Caller(false, user.TenantId, null, Roles.Parse(user.Roles), Approvals.ApprovalGroups.Parse(user.ApprovalGroups),
            new SignedInPerson(user.UserId, user.DisplayName, UserAccounts.Parse(user.AccountIds), session.CsrfToken));
    }

    private static bool IsSafe(string method) => HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method);

    private static void RequireSameOrigin(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0 && (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || !string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase)))
        {
            throw new ProblemException(Problem.NotAllowed("Cross-origin request refused.", "A console session's state-changing requests must come from the console's own origin."));
        }
    }
}
