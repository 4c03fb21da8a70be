namespace BankFunctions.Storage.Rows;

/// <summary>
/// One sign-in in progress (table Sessions, PK = SHA-256 of the OpenID Connect `state`, RK = "signin"): what the
/// callback needs to finish it (nonce, PKCE verifier, where to go back). Deleted under its ETag when used, so a callback
/// is accepted once.
/// </summary>
public sealed class SignInStateRow : RowBase
{
    public const string Row = "signin";

    public string Nonce { get; set; } = "";
    public string CodeVerifier { get; set; } = "";
    public string ReturnUrl { get; set; } = "";
    public DateTimeOffset ExpiresAt { get; set; }
}
