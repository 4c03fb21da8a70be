namespace BankFunctions.Features.SignIn;

/// <summary>The form of a code redemption at the token endpoint (OpenID Connect Core §3.1.3.1, RFC 7636 §4.5). Pure.</summary>
public static class TokenRequest
{
    public const string AssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    /// <param name="clientAssertion">For <see cref="OidcClientCredential.ManagedIdentity"/>: the managed identity's token.</param>
    public static Dictionary<string, string> Form(OidcOptions options, string code, string codeVerifier, string redirectUri, string? clientAssertion)
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = redirectUri,
            ["client_id"] = options.ClientId,
            ["code_verifier"] = codeVerifier,
        };
        switch (options.ClientCredential)
        {
            case OidcClientCredential.ManagedIdentity:
                form["client_assertion_type"] = AssertionType;
                form["client_assertion"] = clientAssertion ?? throw new InvalidOperationException("A managed identity client needs its assertion.");
                break;
            case OidcClientCredential.Secret when options.ClientSecret.Length > 0:
                form["client_secret"] = options.ClientSecret;
                break;
        }
        return form;
    }
}
