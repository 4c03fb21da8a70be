namespace BankFunctions.Features.SignIn;

/// <summary>How the host authenticates as the OpenID Connect client when it redeems a code.</summary>
public enum OidcClientCredential
{
    /// <summary>client_secret_post with <see cref="OidcOptions.ClientSecret"/> (none when empty: a public client).</summary>
    Secret,

    /// <summary>
    /// A client assertion (RFC 7523 §2.2): a token of the app's managed identity, which the Entra app registration trusts
    /// as a federated identity credential — no secret stored anywhere, nothing to rotate.
    /// </summary>
    ManagedIdentity,
}
