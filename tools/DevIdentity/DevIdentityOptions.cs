namespace DevIdentity;

/// <summary>
/// Configuration section <c>DevIdentity</c>: the registered clients (relying parties) and the demo users. Bound and
/// checked once at start so a typo in run.sh fails there, not at the first sign-in.
/// </summary>
public sealed class DevIdentityOptions
{
    public const string Section = "DevIdentity";

    /// <summary>The issuer (<c>iss</c>) and base of every endpoint; empty means the request's scheme and host.</summary>
    public string? Issuer { get; set; }

    /// <summary>Where the RSA signing key is kept as PKCS#8 PEM; empty keeps it in memory only (a restart invalidates tokens).</summary>
    public string? KeyPath { get; set; }

    public List<DevClient> Clients { get; } = [];

    public List<DevUser> Users { get; } = [];

    public DevClient? FindClient(string? clientId) =>
        string.IsNullOrEmpty(clientId) ? null : Clients.FirstOrDefault(c => string.Equals(c.ClientId, clientId, StringComparison.Ordinal));

    public DevUser? FindUser(string? email) =>
        string.IsNullOrEmpty(email) ? null : Users.FirstOrDefault(u => string.Equals(u.Email, email.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>Throws with every problem found, so one start names them all.</summary>
    public void Validate()
    {
        var problems = new List<string>();
        if (!string.IsNullOrEmpty(Issuer) && !IsAbsoluteHttp(Issuer, allowQuery: false))
        {
            problems.Add($"DevIdentity:Issuer '{Issuer}' is not an absolute http(s) URL without query or fragment.");
        }
        else if (!string.IsNullOrEmpty(Issuer) && Issuer.EndsWith('/'))
        {
            // OpenID Connect Discovery 1.0 §4.3: the issuer in the document must equal the configured one exactly; a
            // trailing slash would make "{issuer}/.well-known/…" ambiguous, so it is refused rather than trimmed.
            problems.Add($"DevIdentity:Issuer '{Issuer}' must not end with '/'.");
        }
        for (var i = 0; i < Clients.Count; i++)
        {
            var client = Clients[i];
            if (string.IsNullOrWhiteSpace(client.ClientId))
            {
                problems.Add($"DevIdentity:Clients:{i}:ClientId is missing.");
            }
            else if (Clients.Take(i).Any(c => string.Equals(c.ClientId, client.ClientId, StringComparison.Ordinal)))
            {
                problems.Add($"DevIdentity:Clients:{i}:ClientId '{client.ClientId}' is registered twice.");
            }
            if (client.RedirectUris.Count == 0)
            {
                problems.Add($"DevIdentity:Clients:{i}:RedirectUris is empty.");
            }
            // RFC 6749 §3.1.2: a redirection endpoint is an absolute URI and MUST NOT include a fragment.
            foreach (var uri in client.RedirectUris.Concat(client.PostLogoutRedirectUris))
            {
                if (!IsAbsoluteHttp(uri, allowQuery: true))
                {
                    problems.Add($"DevIdentity:Clients:{i}: '{uri}' is not an absolute http(s) URI without a fragment.");
                }
            }
        }
        for (var i = 0; i < Users.Count; i++)
        {
            var user = Users[i];
            if (string.IsNullOrWhiteSpace(user.Email) || !user.Email.Contains('@', StringComparison.Ordinal))
            {
                problems.Add($"DevIdentity:Users:{i}:Email '{user.Email}' is not an e-mail address.");
            }
            else if (Users.Take(i).Any(u => string.Equals(u.Email, user.Email, StringComparison.OrdinalIgnoreCase)))
            {
                problems.Add($"DevIdentity:Users:{i}:Email '{user.Email}' is configured twice.");
            }
            if (string.IsNullOrEmpty(user.Password))
            {
                problems.Add($"DevIdentity:Users:{i}:Password is missing.");
            }
        }
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("DevIdentity configuration is invalid:\n" + string.Join('\n', problems));
        }
    }

    private static bool IsAbsoluteHttp(string value, bool allowQuery) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && string.IsNullOrEmpty(uri.Fragment) && !value.Contains('#', StringComparison.Ordinal)
        && (allowQuery || string.IsNullOrEmpty(uri.Query));
}

/// <summary>A relying party. With a secret it is confidential (client_secret_post); without, public (PKCE only).</summary>
public sealed class DevClient
{
    public string ClientId { get; set; } = "";
    public string? ClientSecret { get; set; }
    public List<string> RedirectUris { get; } = [];
    public List<string> PostLogoutRedirectUris { get; } = [];
}

/// <summary>A demo user. Passwords are plain configuration values: this provider is for local runs and tests only.</summary>
public sealed class DevUser
{
    public string Email { get; set; } = "";
    public string? Name { get; set; }
    public string Password { get; set; } = "";

    /// <summary>The <c>sub</c> claim; empty derives one from the e-mail address so it stays the same across restarts.</summary>
    public string? Subject { get; set; }

    /// <summary>
    /// OpenID Connect Core 1.0 §2 / §5.7: <c>sub</c> is never reassigned and is what a relying party keys its users on;
    /// a hash of the lower-cased e-mail address is stable across restarts and reveals nothing on its own.
    /// </summary>
    public string SubjectId => string.IsNullOrEmpty(Subject)
        ? System.Buffers.Text.Base64Url.EncodeToString(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes("devidentity:" + Email.Trim().ToLowerInvariant())))
        : Subject;
}
