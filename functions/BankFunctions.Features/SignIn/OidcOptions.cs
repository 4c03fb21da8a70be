namespace BankFunctions.Features.SignIn;

/// <summary>
/// The console's OpenID Connect sign-in (issue #15; docs/CONFIGURATION.md "Oidc"). In Azure: Microsoft Entra ID
/// (Authority = https://login.microsoftonline.com/{directory}/v2.0); locally: tools/DevIdentity, which ./run.sh starts.
/// Empty <see cref="Authority"/>: no sign-in, API keys only.
/// </summary>
public sealed class OidcOptions
{
    public const string Section = "Oidc";

    /// <summary>The issuer URL; its /.well-known/openid-configuration is read. Must be https, but for a loopback provider outside Production.</summary>
    public string Authority { get; set; } = "";
    public string ClientId { get; set; } = "";
    /// <summary>How the host proves it is the client at the token endpoint (PKCE is used either way).</summary>
    public OidcClientCredential ClientCredential { get; set; } = OidcClientCredential.Secret;

    /// <summary>For <see cref="OidcClientCredential.Secret"/>: sent as client_secret_post; empty: a public client.</summary>
    public string ClientSecret { get; set; } = "";

    /// <summary>The audience of the managed identity's token that serves as the client assertion (Entra's federated credential audience).</summary>
    public string AssertionAudience { get; set; } = "api://AzureADTokenExchange";
    public string Scopes { get; set; } = "openid profile email";

    /// <summary>
    /// The console's public origin (https://console.example.com), from which the callback address is made. Unset: the
    /// request's own scheme and host (right when the host is reached directly, as locally).
    /// </summary>
    public string PublicBaseUrl { get; set; } = "";

    /// <summary>The claim that holds the email an invitation is matched with (Entra without an email claim: preferred_username).</summary>
    public string EmailClaim { get; set; } = "email";

    /// <summary>
    /// Match invitations only with an email the provider says it verified (email_verified = true). Turn off only for a
    /// provider whose directory owns the addresses (a single-tenant Entra ID), where the claim is not sent.
    /// </summary>
    public bool RequireVerifiedEmail { get; set; } = true;

    /// <summary>A session ends after this long without a request.</summary>
    public int SessionIdleMinutes { get; set; } = 30;

    /// <summary>A session ends this long after sign-in, whatever the activity.</summary>
    public int SessionHours { get; set; } = 12;

    public bool Enabled => Authority.Length > 0;
}
