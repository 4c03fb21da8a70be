using System.Security.Cryptography;

namespace BankFunctions.Banks.Signing.KeyVault;

/// <summary>
/// Signs with a Key Vault key: the SHA-256 digest of the data is sent, the private key never leaves the vault.
/// ES256 signatures come back from Key Vault as raw r‖s (64 bytes, JWS form) and are returned as such; a
/// consumer that needs DER (openssl, some banks) converts.
/// </summary>
public sealed class KeyVaultSigner : ISigner
{
    private readonly KeyVaultKeysClient _client;
    private readonly KeyVaultKeyId _key;
    private string? _publicKeyPem;

    public KeyVaultSigner(KeyVaultKeysClient client, string keyId, string algorithm)
    {
        if (algorithm is not (SignatureAlgorithms.PS256 or SignatureAlgorithms.RS256 or SignatureAlgorithms.ES256))
        {
            throw new SigningException($"Key Vault signer does not support {algorithm}.");
        }
        _client = client;
        _key = KeyVaultKeyId.Parse(keyId);
        KeyId = _key.ToString();
        Algorithm = algorithm;
    }

    public string KeyId { get; }

    public string Algorithm { get; }

    public async Task<SignatureResult> SignAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        var digest = SHA256.HashData(data.Span);
        var (kid, signature) = await _client.SignDigestAsync(_key.Name, _key.Version, Algorithm, digest, cancellationToken).ConfigureAwait(false);
        return new SignatureResult(signature, Algorithm, string.IsNullOrEmpty(kid) ? KeyId : kid);
    }

    public async Task<string> GetPublicKeyPemAsync(CancellationToken cancellationToken)
    {
        if (_publicKeyPem is null)
        {
            var key = await _client.GetKeyAsync(_key.Name, _key.Version, cancellationToken).ConfigureAwait(false);
            _publicKeyPem = key.ToPem();
        }
        return _publicKeyPem;
    }
}
