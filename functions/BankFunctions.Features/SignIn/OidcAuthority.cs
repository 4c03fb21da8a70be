using System.Net;

namespace BankFunctions.Features.SignIn;

/// <summary>
/// Which identity providers the host accepts: https always; plain http only for a provider on this machine (loopback:
/// tools/DevIdentity for ./run.sh and the tests) and never in the Production environment — so the development sign-in
/// cannot be switched on in a production configuration, whatever else is set.
/// </summary>
public static class OidcAuthority
{
    /// <summary>True when the authority is plain http on loopback (allowed outside Production); throws for anything else that is not https.</summary>
    public static bool Check(OidcOptions options, string environmentName)
    {
        if (!Uri.TryCreate(options.Authority, UriKind.Absolute, out var authority))
        {
            throw new InvalidOperationException("Oidc:Authority must be an absolute URL (https://login.microsoftonline.com/<directory>/v2.0).");
        }
        if (options.ClientId.Length == 0)
        {
            throw new InvalidOperationException("Oidc:ClientId must be set when Oidc:Authority is.");
        }
        if (authority.Scheme == Uri.UriSchemeHttps)
        {
            return false;
        }
        var loopback = authority.IsLoopback || (IPAddress.TryParse(authority.Host, out var address) && IPAddress.IsLoopback(address));
        if (authority.Scheme == Uri.UriSchemeHttp && loopback && !string.Equals(environmentName, "Production", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        throw new InvalidOperationException(
            $"Oidc:Authority must be https (an http identity provider is accepted only on loopback and outside Production; this host runs as '{environmentName}').");
    }
}
