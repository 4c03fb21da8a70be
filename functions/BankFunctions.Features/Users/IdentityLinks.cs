using System.Security.Cryptography;
using System.Text;

namespace BankFunctions.Features.Users;

/// <summary>
/// The keys of the sign-in lookups (<see cref="Storage.Rows.IdentityLinkRow"/>): hashes, so the Identities table holds
/// neither email addresses nor the provider's subject ids in clear.
/// </summary>
public static class IdentityLinks
{
    public static string EmailPartition(string normalisedEmail) => "email|" + Hash(normalisedEmail);

    /// <summary>Issuer and subject together: OpenID Connect Core §5.7 — only the pair is unique and stable.</summary>
    public static string SubjectPartition(string issuer, string subject) => "sub|" + Hash(issuer + "\n" + subject);

    private static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
