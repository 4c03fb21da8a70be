using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Primitives;

namespace DevIdentity;

/// <summary>
/// The authorization endpoint (OpenID Connect Core 1.0 §3.1.2): GET checks the request and shows the sign-in page;
/// POST checks it again with the credentials and answers with a code (§3.1.2.5) or an error (§3.1.2.6).
/// </summary>
public static class AuthorizeEndpoint
{
    private const string WrongCredentials = "The email address or password is wrong.";

    public static void MapAuthorize(this IEndpointRouteBuilder app)
    {
        app.MapGet("/authorize", (HttpContext context, DevIdentityOptions options) =>
            Decide(context, context.Request.Query, options, valid => SignInPage.Render(valid, email: null, error: null)));

        app.MapPost("/authorize", async (HttpContext context, DevIdentityOptions options, CodeStore codes, ILogger<AuthorizationRequest> logger) =>
        {
            if (!context.Request.HasFormContentType)
            {
                return SignInPage.Refused("The sign-in form must be posted as a form.");
            }
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            // Everything the form carried is checked again, exactly as on GET.
            var authorization = form.Where(pair => pair.Key is not ("email" or "password"));
            return Decide(context, authorization, options, request =>
            {
                // OpenID Connect Core 1.0 §3.1.2.1: a relying party may send the authorization request itself by
                // POST; without credentials it is that, and gets the sign-in page.
                if (!form.ContainsKey("email") && !form.ContainsKey("password"))
                {
                    return SignInPage.Render(request, email: null, error: null);
                }
                var email = form["email"].ToString();
                var user = Authenticate(options, email, form["password"].ToString());
                if (user is null)
                {
                    Log.WrongCredentials(logger, request.Client.ClientId);
                    return SignInPage.Render(request, email, WrongCredentials);
                }
                var code = codes.Issue(request.Client.ClientId, request.RedirectUri, request.CodeChallenge, request.Nonce, request.Scope, user);
                Log.SignedIn(logger, user.Email, request.Client.ClientId);
                return AuthorizationResponse.Deliver(request.RedirectUri, request.ResponseMode,
                [
                    new("code", code),
                    new("state", request.State),
                    // RFC 9207 §2: iss tells the client which provider answered (mix-up attack defence).
                    new("iss", Issuer.Of(context, options)),
                ]);
            });
        });
    }

    private static IResult Decide(
        HttpContext context, IEnumerable<KeyValuePair<string, StringValues>> parameters, DevIdentityOptions options, Func<AuthorizationRequest, IResult> onValid) =>
        AuthorizeDecision.Decide(parameters, options) switch
        {
            AuthorizeDecision.Refused refused => SignInPage.Refused(refused.Description),
            AuthorizeDecision.RedirectError error => AuthorizationResponse.Deliver(error.RedirectUri, error.ResponseMode,
            [
                new("error", error.Error),
                new("error_description", error.Description),
                new("state", error.State),
                new("iss", Issuer.Of(context, options)),
            ]),
            AuthorizeDecision.Valid valid => onValid(valid.Request),
            _ => throw new InvalidOperationException("Unknown decision."),
        };

    /// <summary>
    /// The user whose password matches, or null. Hashing both sides first makes the comparison constant-time whatever
    /// the lengths; an unknown e-mail address still costs the comparison, so timing does not tell which one was wrong.
    /// </summary>
    private static DevUser? Authenticate(DevIdentityOptions options, string email, string password)
    {
        var user = options.FindUser(email);
        var expected = SHA256.HashData(Encoding.UTF8.GetBytes(user?.Password ?? "\0no user"));
        var given = SHA256.HashData(Encoding.UTF8.GetBytes(password));
        return CryptographicOperations.FixedTimeEquals(expected, given) && user is not null ? user : null;
    }
}
