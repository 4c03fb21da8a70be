using BankFunctions.Banks.Signing;

namespace BankFunctions.Banks;

/// <summary>The credentials a connection request offers, as the API names them (API.md: POST /v1/bank-connections).</summary>
public sealed record CredentialsRequest(string? CustomerId, string? Uid, string? Sm4Key, string? SignatureAlgorithm);

/// <summary>A bad request field (its API name) and what is wrong with it, in the API's words.</summary>
public sealed record FieldError(string Field, string Message);

/// <summary>The connection a family takes: who the tenant is at the bank and how its signing key is made.</summary>
/// <param name="SymmetricKey">CMB: the 16-byte SM4 key, kept as a secret.</param>
/// <param name="Algorithm">The signature algorithm the connection records (PS256, RS256, ES256, SM2).</param>
public sealed record BankCredentials(string? CustomerId, string? Uid, byte[]? SymmetricKey, string Algorithm, SigningKeyKind KeyKind);

/// <summary>Either the credentials or every field error, in the order found.</summary>
public sealed record CredentialsCheck(BankCredentials? Credentials, IReadOnlyList<FieldError> Errors)
{
    public static CredentialsCheck Of(BankCredentials credentials, IReadOnlyList<FieldError> errors) =>
        errors.Count == 0 ? new(credentials, []) : new(null, errors);
}

/// <summary>A connection as stored (the gateway's row, without storage types).</summary>
/// <param name="SymmetricKeySecretName">CMB: the secret holding the SM4 key.</param>
public sealed record StoredConnection(string Bank, string? CustomerId, string? Uid, string SigningKeyId, string SignatureAlgorithm, string? SymmetricKeySecretName);

/// <summary>What the gateway looks up for a connection besides its signing key.</summary>
public interface IConnectionLookups
{
    /// <summary>A connection secret by its name (CMB: the SM4 key).</summary>
    Task<byte[]> SecretAsync(string name, CancellationToken cancellationToken);

    /// <summary>The bank's published public key, PEM (CMB: its SM2 response-signing key).</summary>
    Task<string> BankPublicKeyPemAsync(string bank, CancellationToken cancellationToken);
}
